import { seatsOfShow } from '#domain/catalog/seat-layout';
import type { Concert, LayoutSection, Show } from '#domain/catalog/types';
import type { CatalogDeps } from './ports';

export interface SeatGeneration {
  showId: string;
  total: number;
  /** Seats written by this call; 0 when a retry found them all in place. */
  written: number;
}

/**
 * Writes every seat of a show that does not exist yet, in parallel 25-item batches. Seat ids are deterministic
 * (`<section>-<row>-<number>`), and a retry writes only the seats missing from the table, so it neither
 * duplicates a seat nor resets one that a buyer already holds.
 */
export async function generateSeats(
  deps: CatalogDeps,
  concert: Pick<Concert, 'concertId' | 'priceTiers'>,
  show: Show,
  sections: readonly LayoutSection[],
): Promise<SeatGeneration> {
  const seats = seatsOfShow({ concertId: concert.concertId, showId: show.showId }, sections, concert.priceTiers);
  const existing = await deps.seats.existingSeatIds(show.showId);
  const missing = existing.size === 0 ? seats : seats.filter((s) => !existing.has(s.seatId));
  await deps.seats.putSeats(missing);
  return { showId: show.showId, total: seats.length, written: missing.length };
}
