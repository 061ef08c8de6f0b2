import { SEAT_STATUSES, type Seat, type SeatPlace, type SeatStatus } from '#domain/seat';

/** A HELD seat whose hold has lapsed is for sale again, before any worker gets round to releasing it. */
export function effectiveStatus(seat: Pick<Seat, 'status' | 'holdExpiresAt'>, now: Date): SeatStatus {
  if (seat.status === 'HELD' && seat.holdExpiresAt && Date.parse(seat.holdExpiresAt) <= now.getTime()) return 'AVAILABLE';
  return seat.status;
}

export type StatusCounts = Record<SeatStatus, number> & { total: number };

export type SeatMapSeat = SeatPlace & { status: SeatStatus };

export interface SeatMap {
  concertId: string;
  showId: string;
  seats: SeatMapSeat[];
  /** `{ total, AVAILABLE, HELD, SOLD, byGrade: { <grade>: { total, AVAILABLE, HELD, SOLD } } }`. */
  counts: StatusCounts & { byGrade: Record<string, StatusCounts> };
  currency: string;
  generatedAt: string;
}

const emptyCounts = (): StatusCounts => ({ total: 0, ...Object.fromEntries(SEAT_STATUSES.map((s) => [s, 0])) }) as StatusCounts;

/** Orders seats by section, then row and number numerically (`A-2-1` before `A-10-1`), and counts them. */
export function buildSeatMap(ids: { concertId: string; showId: string }, seats: readonly Seat[], now: Date): SeatMap {
  const counts = { ...emptyCounts(), byGrade: {} as Record<string, StatusCounts> };
  const out = seats
    .map((s): SeatMapSeat => ({
      seatId: s.seatId,
      section: s.section,
      row: s.row,
      number: s.number,
      grade: s.grade,
      price: s.price,
      status: effectiveStatus(s, now),
    }))
    .sort((a, b) => (a.section < b.section ? -1 : a.section > b.section ? 1 : a.row - b.row || a.number - b.number));
  for (const seat of out) {
    const grade = (counts.byGrade[seat.grade] ??= emptyCounts());
    counts.total++;
    counts[seat.status]++;
    grade.total++;
    grade[seat.status]++;
  }
  return { ...ids, seats: out, counts, currency: seats[0]?.currency ?? 'KRW', generatedAt: now.toISOString() };
}
