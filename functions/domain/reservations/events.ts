import type { EventDetail } from '#domain/event-schemas';
import { DetailType, type DomainEvent } from '#domain/events';
import type { Reservation, ReservationStatus } from './reservation';

const ON_ENTER: Partial<Record<ReservationStatus, DetailType>> = {
  HOLD: DetailType.ReservationHeld,
  PAYING: DetailType.ReservationPaying,
  CONFIRMED: DetailType.ReservationConfirmed,
  EXPIRED: DetailType.ReservationExpired,
  CANCELLED: DetailType.ReservationCancelled,
  REFUNDED: DetailType.ReservationRefunded,
};

/** The events a reservation emits on entering its current status, plus SeatsReleased for the seats it freed. */
export function reservationEvents(r: Reservation, releasedSeatIds: readonly string[] = []): DomainEvent[] {
  const base = { reservationId: r.reservationId, userId: r.userId, concertId: r.concertId, showId: r.showId, status: r.status };
  const detailType = ON_ENTER[r.status];
  const events: DomainEvent[] = [];
  if (detailType) {
    const changed = { ...base, seatIds: r.seats.map((s) => s.seatId) } satisfies EventDetail<'ReservationConfirmed'>;
    const detail =
      r.status === 'HOLD'
        ? ({ ...changed, holdExpiresAt: r.holdExpiresAt } satisfies EventDetail<'ReservationHeld'>)
        : r.status === 'PAYING' && r.paymentExpiresAt
          ? ({ ...changed, paymentExpiresAt: r.paymentExpiresAt } satisfies EventDetail<'ReservationPaying'>)
          : changed;
    events.push({ detailType, detail });
  }
  if (releasedSeatIds.length) {
    events.push({ detailType: DetailType.SeatsReleased, detail: { ...base, seatIds: [...releasedSeatIds], reason: r.status } satisfies EventDetail<'SeatsReleased'> });
  }
  return events;
}
