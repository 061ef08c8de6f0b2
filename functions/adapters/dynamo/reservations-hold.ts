import { TransactWriteCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { Reservation } from '#domain/reservations/reservation';
import type { HoldOutcome, HoldWriter } from '#services/reservations/ports';
import { cancellationReasons } from './cancellation-reasons';
import { keys } from './keys';
import { isFreeAt, offerFromSeatItem } from './entities/seat';

/**
 * The hold as one TransactWriteItems. Exported so the benchmark's bare baseline issues exactly these items
 * without the service around them.
 */
export function holdTransaction(table: string, r: Reservation, maxTicketsPerUser: number, item: Record<string, unknown>) {
  const n = r.seats.length;
  return new TransactWriteCommand({
    TransactItems: [
      ...r.seats.map((seat) => ({
        Update: {
          TableName: table,
          Key: keys.seat(r.showId, seat.seatId),
          // Free means AVAILABLE or a lapsed hold; grade and price must still be what the buyer is charged.
          ConditionExpression:
            '(#status = :available OR (#status = :held AND holdExpiresAt < :now)) AND grade = :grade AND price = :price',
          UpdateExpression: 'SET #status = :held, reservationId = :rid, holdExpiresAt = :exp ADD version :one',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':available': 'AVAILABLE',
            ':held': 'HELD',
            ':now': r.heldAt,
            ':grade': seat.grade,
            ':price': seat.price,
            ':rid': r.reservationId,
            ':exp': r.holdExpiresAt,
            ':one': 1,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      })),
      {
        Update: {
          TableName: table,
          Key: keys.ticketCounter(r.concertId, r.userId),
          ConditionExpression: 'attribute_not_exists(#count) OR #count <= :room',
          UpdateExpression: 'SET userId = :uid, concertId = :cid ADD #count :n',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':room': maxTicketsPerUser - n, ':n': n, ':uid': r.userId, ':cid': r.concertId },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
        },
      },
      { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
    ],
  });
}

export function dynamoHoldWriter(db: () => DynamoClient, table: () => string, toItem: (r: Reservation) => Record<string, unknown>): HoldWriter {
  return {
    async hold(r, { maxTicketsPerUser }) {
      try {
        await db().send(holdTransaction(table(), r, maxTicketsPerUser, toItem(r)));
        return { ok: true };
      } catch (e) {
        const reasons = cancellationReasons(e);
        if (!reasons) throw e;
        return decode(r, reasons);
      }
    },
  };
}

/** Turns cancellation reasons (aligned with the transaction's items) into why the hold was refused. */
function decode(r: Reservation, reasons: NonNullable<ReturnType<typeof cancellationReasons>>): HoldOutcome {
  const taken: string[] = [];
  const gone: string[] = [];
  const stale = [];
  for (const [i, seat] of r.seats.entries()) {
    const reason = reasons[i];
    if (!reason || reason.Code === 'None') continue;
    const old = reason.Item;
    if (reason.Code === 'ConditionalCheckFailed' && !old) gone.push(seat.seatId);
    else if (reason.Code === 'ConditionalCheckFailed' && old && isFreeAt(old, r.heldAt)) stale.push(offerFromSeatItem(old));
    // Taken, or locked by a concurrent transaction (TransactionConflict): either way another buyer is ahead.
    else taken.push(seat.seatId);
  }
  if (taken.length) return { ok: false, reason: 'SEATS_TAKEN', seatIds: taken };
  if (gone.length) return { ok: false, reason: 'SEATS_GONE', seatIds: gone };
  if (stale.length) return { ok: false, reason: 'STALE_OFFER', offers: stale };
  const counter = reasons[r.seats.length];
  if (counter?.Code === 'ConditionalCheckFailed') {
    return { ok: false, reason: 'LIMIT', held: Number(counter.Item?.count ?? 0) };
  }
  if (reasons.some((x) => x.Code === 'TransactionConflict' || x.Code === 'ThrottlingError')) return { ok: false, reason: 'BUSY' };
  // Every refusal above is expected; anything else (a reused reservation id) is a bug.
  throw new Error(`hold transaction cancelled: ${reasons.map((x) => x.Code).join(',')}`);
}
