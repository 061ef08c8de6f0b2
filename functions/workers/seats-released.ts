import { DetailType, SEATS_TAKEN_EVENTS } from '#domain/events';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { eventHandler } from '#platform/event-handler';
import { liveUpdates } from '#composition/live-updates';

/** Rule `SeatsReleased`: record the freed seats (pushed as `SEATS` with the interval's changes), admit the next waiting user. */
export const handler = eventHandler([DetailType.SeatsReleased], ({ detail }) => liveUpdates().resell(detail));

/** Rule `SeatsTaken` (ReservationHeld, ReservationPaying, ReservationConfirmed): record the seats and push `SEATS`. */
export const seatsTaken = eventHandler(SEATS_TAKEN_EVENTS, async ({ detailType, detail }) => {
  const touched = seatChangeOf(detailType, detail);
  return touched ? liveUpdates().seats.announce(touched) : { pushed: 0, messages: 0 };
});
