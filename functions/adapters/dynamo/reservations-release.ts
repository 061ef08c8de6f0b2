import { BatchGetCommand, TransactWriteCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { Reservation } from '#domain/reservations/reservation';
import type { ReservationReleaser } from '#services/reservations/ports';
import { cancellationReasons } from './cancellation-reasons';
import { keys } from './keys';
import { RELEASED_SEATS_ATTRIBUTE } from './entities/reservation';
import { guardedReservationPut } from './reservations-items';

const MAX_ATTEMPTS = 4;

/**
 * Frees a reservation's seats in one transaction with its state change. Seats are read first because a lapsed
 * hold's seat may already belong to another buyer: only seats still held (or sold) by this reservation go back
 * to AVAILABLE, each conditioned on that. If a seat changes hands between the read and the write, the
 * transaction is cancelled and retried (bounded, jittered); if the reservation itself moved, the caller is told.
 */
export function dynamoReservationReleaser(
  db: () => DynamoClient,
  table: () => string,
  toItem: (r: Reservation) => Record<string, unknown>,
): ReservationReleaser {
  async function seatsStillOurs(r: Reservation): Promise<string[]> {
    const res = await db().send(
      new BatchGetCommand({
        RequestItems: {
          [table()]: { Keys: r.seats.map((s) => keys.seat(r.showId, s.seatId)), ConsistentRead: true, ProjectionExpression: 'seatId, reservationId, #status', ExpressionAttributeNames: { '#status': 'status' } },
        },
      }),
    );
    if (res.UnprocessedKeys && Object.keys(res.UnprocessedKeys).length) throw new Error('seat reads left unprocessed');
    const ours = new Set(
      (res.Responses?.[table()] ?? [])
        .filter((s) => s.reservationId === r.reservationId && (s.status === 'HELD' || s.status === 'SOLD'))
        .map((s) => String(s.seatId)),
    );
    // BatchGet answers in any order; keep the reservation's.
    return r.seats.map((s) => s.seatId).filter((id) => ours.has(id));
  }

  return {
    async release(current, next) {
      for (let attempt = 1; ; attempt++) {
        const ours = await seatsStillOurs(current);
        try {
          await db().send(
            new TransactWriteCommand({
              TransactItems: [
                guardedReservationPut(table(), { ...toItem(next), ...(ours.length ? { [RELEASED_SEATS_ATTRIBUTE]: ours } : {}) }, current),
                ...ours.map((seatId) => ({
                  Update: {
                    TableName: table(),
                    Key: keys.seat(current.showId, seatId),
                    ConditionExpression: 'reservationId = :rid',
                    UpdateExpression: 'SET #status = :available REMOVE reservationId, holdExpiresAt ADD version :one',
                    ExpressionAttributeNames: { '#status': 'status' },
                    ExpressionAttributeValues: { ':rid': current.reservationId, ':available': 'AVAILABLE', ':one': 1 },
                  },
                })),
                {
                  Update: {
                    TableName: table(),
                    Key: keys.ticketCounter(current.concertId, current.userId),
                    UpdateExpression: 'ADD #count :minus',
                    ExpressionAttributeNames: { '#count': 'count' },
                    ExpressionAttributeValues: { ':minus': -current.seats.length },
                  },
                },
              ],
            }),
          );
          return { ok: true, releasedSeatIds: ours };
        } catch (e) {
          const reasons = cancellationReasons(e);
          if (!reasons) throw e;
          if (reasons[0]?.Code === 'ConditionalCheckFailed') return { ok: false, reason: 'RESERVATION_CHANGED' };
          if (attempt >= MAX_ATTEMPTS) throw new Error(`releasing ${current.reservationId} kept conflicting: ${reasons.map((x) => x.Code).join(',')}`, { cause: e });
          await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
        }
      }
    },
  };
}
