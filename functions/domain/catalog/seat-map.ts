import type { Seat, SeatPlace, SeatStatus } from '#domain/seat';

/** A HELD seat whose hold has lapsed is for sale again, before any worker gets round to releasing it. */
export function effectiveStatus(seat: Pick<Seat, 'status' | 'holdExpiresAt'>, now: Date): SeatStatus {
  if (seat.status === 'HELD' && seat.holdExpiresAt && Date.parse(seat.holdExpiresAt) <= now.getTime()) return 'AVAILABLE';
  return seat.status;
}

export type StatusCounts = Record<SeatStatus, number> & { total: number };

export type SeatMapSeat = SeatPlace & { status: SeatStatus };
