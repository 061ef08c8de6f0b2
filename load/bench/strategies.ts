import { UpdateCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamoLeaseLock } from '#adapters/dynamo/lab-lease-lock';
import { dynamoLabSeats } from '#adapters/dynamo/lab-seats';
import { holdTransaction } from '#adapters/dynamo/reservations-hold';
import { realHoldSeatsPorts, wireHoldSeats } from '#composition/hold-seats';
import { reservationItem } from '#adapters/dynamo/reservations-items';
import { redisSeatLock } from '#adapters/redis/lab-lock';
import { newHold } from '#domain/reservations/reservation';
import { dynamo, redis, tableName } from '#platform/clients';
import { systemClock } from '#platform/clock';
import { isDomainError } from '#platform/errors';
import { ulids } from '#platform/ids';
import { contentionLab, labSeatIds } from '#services/lab/contention';
import { STRATEGIES, type Strategy } from '#services/lab/ports';
import { holdFingerprint } from '#domain/abuse/request-facts';
import { abuse } from '#composition/abuse';
import { seedShow } from '../../test/integration/reservations/fixtures';
import type { Attempt } from './contention';

const MAX_TICKETS = 4;

/** Each factory prepares fresh seats and returns one buyer's attempt. Buyer i wants seat i mod seats. */
export async function runStrategies() {
  const showId = `bench-${ulids.next()}`;
  const labSeats = dynamoLabSeats(dynamo, tableName, showId);
  // Winners are counted by the bench itself, so the lab's own ledger is left out of the timings.
  const lab = contentionLab({ seats: labSeats, leaseLock: dynamoLeaseLock(dynamo, tableName, showId), redisLock: redisSeatLock(redis, showId), ledger: { record: async () => undefined, report: async () => ({}) as never, reset: async () => undefined } });
  const lost = (e: unknown) => {
    if (isDomainError(e) || (e as { name?: string }).name === 'TransactionCanceledException' || (e as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw e;
  };
  const seatOf = (buyer: number, seats: number) => `A-1-${(buyer % seats) + 1}`;

  return {
    labStrategies: [...STRATEGIES] as Strategy[],

    async lab(strategy: Strategy, seats: number): Promise<Attempt> {
      await labSeats.reset(labSeatIds(seats));
      return async (buyer) => {
        const seatId = seatOf(buyer, seats);
        const userId = `${strategy}-${buyer}`;
        return { won: (await lab.reserve(strategy, seatId, userId)).won, seatId, userId };
      };
    },

    async bareUpdate(seats: number): Promise<Attempt> {
      const show = await seedShow({ seatsPerRow: seats });
      return async (buyer) => {
        const seatId = seatOf(buyer, seats);
        const userId = `u-${buyer}`;
        const won = await dynamo()
          .send(
            new UpdateCommand({
              TableName: tableName(),
              Key: keys.seat(show.showId, seatId),
              ConditionExpression: '#status = :available',
              UpdateExpression: 'SET #status = :held, reservationId = :rid ADD version :one',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':available': 'AVAILABLE', ':held': 'HELD', ':rid': userId, ':one': 1 },
            }),
          )
          .then(() => true, lost);
        return { won, seatId, userId };
      };
    },

    async bareTransaction(seats: number): Promise<Attempt> {
      const show = await seedShow({ seatsPerRow: seats });
      return async (buyer) => {
        const seatId = seatOf(buyer, seats);
        const userId = `u-${buyer}`;
        const r = newHold({
          reservationId: ulids.next(),
          userId,
          tier: 'BASIC',
          showId: show.showId,
          at: systemClock.now(),
          holdTtlSeconds: 300,
          seats: [{ seatId, section: 'A', row: 1, number: (buyer % seats) + 1, grade: 'VIP', price: 150000, concertId: show.concertId, currency: 'KRW' }],
        });
        const won = await dynamo().send(holdTransaction(tableName(), r, MAX_TICKETS, reservationItem(r))).then(() => true, lost);
        return { won, seatId, userId };
      };
    },

    async production(seats: number): Promise<Attempt> {
      const show = await seedShow({ seatsPerRow: seats, policy: { maxTicketsPerUser: MAX_TICKETS } });
      // The production wiring (functions/composition/hold-seats.ts) with a fresh warm seat catalog per run; only the
      // side ports no bench measures are replaced: an open admission gate, no deadlines.
      const hold = wireHoldSeats({
        ...realHoldSeatsPorts(),
        admission: { verify: async () => undefined },
        deadlines: { start: async () => undefined, stop: async () => undefined },
      });
      // The abuse guard the hold handler runs (ABUSE_RULES=off leaves it out): one Redis script before the hold, the
      // allowed attempt's audit row buffered beside it and written in batches, the won hold recorded as unpaid.
      const guard = abuse();
      return async (buyer) => {
        const seatId = seatOf(buyer, seats);
        const userId = `u-${buyer}`;
        const facts = { action: 'HOLD' as const, requestId: ulids.next(), clientAddress: `buyer-${buyer}`, userId, concertId: show.concertId, fingerprint: holdFingerprint(userId, show.showId, [seatId]) };
        const won = await guard
          .guard({ facts, settle: (r, state) => state.holdStarted(r.concertId, userId, r.reservationId, Date.parse(r.holdExpiresAt)) }, () =>
            hold({ principal: { userId, tier: 'BASIC' }, showId: show.showId, seatIds: [seatId] }),
          )
          .then(() => true, lost);
        return { won, seatId, userId };
      };
    },
  };
}
