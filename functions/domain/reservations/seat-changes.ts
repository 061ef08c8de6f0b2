import { DetailType } from '#domain/events';

/**
 * Reservation events that change what a seat shows: HELD on a hold, a later lapse on PAYING (the hold is extended to
 * the payment deadline), SOLD on confirmation, AVAILABLE on release. The statuses themselves are read from the
 * table when the change is recorded, so an event that arrives late or twice cannot paint an old status.
 */
const SEAT_EVENTS = new Set<string>([DetailType.ReservationHeld, DetailType.ReservationPaying, DetailType.ReservationConfirmed, DetailType.SeatsReleased]);

/** The seats a reservation event touched; undefined when it touched none. */
export function seatsTouchedBy(detailType: string, detail: { concertId: string; showId: string; seatIds: string[] }): { concertId: string; showId: string; seatIds: string[] } | undefined {
  if (!SEAT_EVENTS.has(detailType) || !detail.seatIds.length) return undefined;
  return { concertId: detail.concertId, showId: detail.showId, seatIds: detail.seatIds };
}
