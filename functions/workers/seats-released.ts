import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod';
import { seatChangesOf } from '#domain/reservations/seat-changes';
import { liveUpdates } from '#composition/live-updates';

const detail = z.object({
  reservationId: z.string(),
  userId: z.string(),
  concertId: z.string(),
  showId: z.string(),
  seatIds: z.array(z.string()),
});

type Event = EventBridgeEvent<string, unknown>;

/** Rule `SeatsReleased`: refresh the seat map, push `SEATS` (AVAILABLE) to watchers, admit the next waiting user. */
export const handler = async (event: Event) => liveUpdates().resell(detail.parse(event.detail));

/** Rule `SeatsTaken` (ReservationHeld → HELD, ReservationConfirmed → SOLD): refresh the seat map and push `SEATS`. */
export const seatsTaken = async (event: Event) => {
  const changes = seatChangesOf(event['detail-type'], detail.parse(event.detail));
  return changes ? liveUpdates().seats.announce(changes.showId, changes.changes) : { pushed: 0 };
};
