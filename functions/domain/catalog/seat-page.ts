import { SEAT_STATUSES, type SeatStatus } from '#domain/seat';
import { codeAt, statusOfCode, type SeatSlots, type ShowLayout } from './availability';
import { decodeCursorJson, encodeCursor } from './cursor';
import type { SeatMapSeat, StatusCounts } from './seat-map';

/**
 * `GET …/seats` for shows small enough to list: pages of at most SEAT_PAGE_SIZE seats (~120 bytes each, so a page
 * stays near 600 KB, far under Lambda's 6 MB), built from the static layout and the availability bits, never from a
 * query of the show. Without `section` pages walk every section in layout order; with it they stay inside it.
 */
export const SEAT_PAGE_SIZE = 5_000;

export interface SeatPage {
  concertId: string;
  showId: string;
  version: number;
  currency: string;
  seats: SeatMapSeat[];
  counts: StatusCounts & { byGrade: Record<string, StatusCounts> };
  nextCursor: string | null;
}

interface Position {
  /** Index of the section in the layout. */
  s: number;
  /** Seat index inside the section (row-major, 0-based). */
  k: number;
  /** The section filter the cursor was issued under, if any. */
  only?: string;
}

/** The page's start, or an error message naming what is wrong. */
export function pageStart(layout: ShowLayout, query: { section?: string; cursor?: string }): Position | { error: { path: string; message: string } } {
  if (query.cursor !== undefined) {
    const c = (decodeCursorJson(query.cursor) ?? {}) as Partial<Position>;
    const { s, k, only } = c;
    const valid = typeof s === 'number' && typeof k === 'number' && Number.isInteger(s) && Number.isInteger(k) && s >= 0 && s < layout.sections.length && k >= 0;
    // A cursor issued under a section filter keeps it; sent with another section (or none it was issued under), it is refused.
    const sameFilter = (only === undefined || typeof only === 'string') && (query.section === undefined || only === query.section);
    if (!valid || !sameFilter) return { error: { path: 'cursor', message: 'Not a cursor of this listing' } };
    return { s, k, ...(only !== undefined ? { only } : {}) };
  }
  if (query.section === undefined) return { s: 0, k: 0 };
  const s = layout.sections.findIndex((x) => x.name === query.section);
  return s < 0 ? { error: { path: 'section', message: `No section ${query.section} in this show` } } : { s, k: 0, only: query.section };
}

const emptyCounts = (): StatusCounts => ({ total: 0, ...Object.fromEntries(SEAT_STATUSES.map((s) => [s, 0])) }) as StatusCounts;

export function seatPage(layout: ShowLayout, slots: SeatSlots, version: number, doc: Uint8Array, start: Position): SeatPage {
  const seats: SeatMapSeat[] = [];
  const counts = { ...emptyCounts(), byGrade: {} as Record<string, StatusCounts> };
  const statusAt = (byteOffset: number, k: number): SeatStatus => statusOfCode(codeAt(doc.subarray(byteOffset), k));
  for (const { section, byteOffset, seats: n } of slots.sections) {
    const grade = (counts.byGrade[section.grade] ??= emptyCounts());
    for (let k = 0; k < n; k++) {
      const status = statusAt(byteOffset, k);
      counts.total++;
      counts[status]++;
      grade.total++;
      grade[status]++;
    }
  }
  const inScope = (i: number) => {
    const at = slots.sections[i];
    return at !== undefined && (start.only === undefined || at.section.name === start.only) ? at : undefined;
  };
  let s = start.s;
  let k = start.k;
  for (let at = inScope(s); at && seats.length < SEAT_PAGE_SIZE; at = inScope(s)) {
    const { section, byteOffset, seats: n } = at;
    for (; k < n && seats.length < SEAT_PAGE_SIZE; k++) {
      const row = Math.floor(k / section.seatsPerRow) + 1;
      const number = (k % section.seatsPerRow) + 1;
      seats.push({ seatId: `${section.name}-${row}-${number}`, section: section.name, row, number, grade: section.grade, price: section.price, status: statusAt(byteOffset, k) });
    }
    if (k >= n) {
      s++;
      k = 0;
    }
  }
  const more = inScope(s) !== undefined;
  return {
    concertId: layout.concertId,
    showId: layout.showId,
    version,
    currency: layout.sections[0]?.currency ?? 'KRW',
    seats,
    counts,
    nextCursor: more ? encodeCursor({ s, k, ...(start.only !== undefined ? { only: start.only } : {}) }) : null,
  };
}
