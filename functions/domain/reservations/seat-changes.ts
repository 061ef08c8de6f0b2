import { DetailType } from '#domain/events';

export type SeatStatus = 'AVAILABLE' | 'HELD' | 'SOLD';

/** The seat-map consequence of a reservation event, as a `SEATS` push carries it; undefined when seats did not change. */
export function seatChangesOf(detailType: string, detail: { showId: string; seatIds: string[] }): { showId: string; changes: Array<{ seatId: string; status: SeatStatus }> } | undefined {
  const status = SEAT_STATUS_AFTER[detailType];
  if (!status || !detail.seatIds.length) return undefined;
  return { showId: detail.showId, changes: detail.seatIds.map((seatId) => ({ seatId, status })) };
}

const SEAT_STATUS_AFTER: Record<string, SeatStatus> = {
  [DetailType.ReservationHeld]: 'HELD',
  [DetailType.ReservationConfirmed]: 'SOLD',
  [DetailType.SeatsReleased]: 'AVAILABLE',
};
