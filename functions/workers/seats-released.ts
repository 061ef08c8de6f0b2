import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { liveUpdates } from '#composition/live-updates';

const detail = z.object({
  reservationId: z.string(),
  userId: z.string(),
  concertId: z.string(),
  showId: z.string(),
  seatIds: z.array(z.string()),
  holdExpiresAt: z.string().optional(),
  paymentExpiresAt: z.string().optional(),
});

type Event = EventBridgeEvent<string, unknown>;

/** Rule `SeatsReleased`: record the freed seats (pushed as `SEATS` with the interval's changes), admit the next waiting user. */
export const handler = async (event: Event) => liveUpdates().resell(detail.parse(event.detail));

/** Rule `SeatsTaken` (ReservationHeld, ReservationPaying, ReservationConfirmed): record the seats and push `SEATS`. */
export const seatsTaken = async (event: Event) => {
  const touched = seatChangeOf(event['detail-type'], detail.parse(event.detail));
  return touched ? liveUpdates().seats.announce(touched) : { pushed: 0, messages: 0 };
};
