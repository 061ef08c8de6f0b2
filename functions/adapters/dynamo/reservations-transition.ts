import { TransactWriteCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { Reservation } from '#domain/reservations/reservation';
import { releasesSeats } from '#domain/reservations/state-machine';
import type { ReservationReleaser, ReservationTransitions } from '#services/reservations/ports';
import { cancellationReasons } from './cancellation-reasons';
import { keys } from './keys';
import { guardedReservationPut } from './reservations-items';

/**
 * Every reservation transition as one transaction conditioned on the reservation's status and version:
 * - PAYING moves each seat's hold deadline to the payment deadline, so the lapsed-hold rule cannot hand the seat
 *   to another buyer mid-payment;
 * - CONFIRMED turns the seats SOLD;
 * - EXPIRED and CANCELLED free the seats and the ticket allowance (the releaser);
 * - REFUNDED touches only the reservation (its seats were freed when it was cancelled).
 */
export function dynamoReservationTransitions(
  db: () => DynamoClient,
  table: () => string,
  toItem: (r: Reservation) => Record<string, unknown>,
  releaser: ReservationReleaser,
): ReservationTransitions {
  function seatUpdates(current: Reservation, next: Reservation) {
    const update = (seatId: string, expression: string, values: Record<string, unknown>) => ({
      Update: {
        TableName: table(),
        Key: keys.seat(current.showId, seatId),
        ConditionExpression: 'reservationId = :rid AND #status = :held',
        UpdateExpression: `${expression} ADD version :one`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':rid': current.reservationId, ':held': 'HELD', ':one': 1, ...values },
      },
    });
    const ids = current.seats.map((s) => s.seatId);
    if (next.status === 'PAYING') return ids.map((id) => update(id, 'SET holdExpiresAt = :until', { ':until': next.paymentExpiresAt }));
    if (next.status === 'CONFIRMED') return ids.map((id) => update(id, 'SET #status = :sold REMOVE holdExpiresAt', { ':sold': 'SOLD' }));
    return [];
  }

  return {
    async apply(current, next) {
      if (releasesSeats(next.status)) return releaser.release(current, next);
      const seats = seatUpdates(current, next);
      try {
        await db().send(
          new TransactWriteCommand({
            TransactItems: [
              guardedReservationPut(table(), toItem(next), current),
              ...seats,
            ],
          }),
        );
        return { ok: true, releasedSeatIds: [] };
      } catch (e) {
        const reasons = cancellationReasons(e);
        if (!reasons) throw e;
        if (reasons[0]?.Code !== 'None') return { ok: false, reason: 'RESERVATION_CHANGED' };
        const lost = current.seats.filter((_, i) => reasons[i + 1]?.Code === 'ConditionalCheckFailed').map((s) => s.seatId);
        if (lost.length) return { ok: false, reason: 'SEATS_LOST', seatIds: lost };
        return { ok: false, reason: 'RESERVATION_CHANGED' };
      }
    },
  };
}
