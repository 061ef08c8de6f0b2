import { api, getUntyped, ok } from '../api/client';
import type { Availability, ConcertDetail, Layout, Page, Reservation, SeatRow } from '../api/types';
import { applyAvailability, applySeatRows, buildModel, layoutFromConcert, type SeatModel } from './model';

const showPath = (concertId: string, showId: string) => `/concerts/${encodeURIComponent(concertId)}/shows/${encodeURIComponent(showId)}`;

/**
 * Loads a show's seats: the static layout plus the compact availability document when the API has them, else the
 * venue's sections plus every page of the `seats` listing. Marks `availability-arrived` for the budget test.
 */
export async function loadSeats(concert: ConcertDetail, showId: string): Promise<SeatModel> {
  const base = showPath(concert.concertId, showId);
  const [layout, availability] = await Promise.all([getUntyped<Layout>(`${base}/layout`), getUntyped<Availability>(`${base}/availability`)]);
  if (layout.body && availability.body) {
    const model = buildModel(layout.body.sections);
    performance.mark('availability-arrived');
    applyAvailability(model, availability.body);
    return model;
  }
  const model = buildModel(layoutFromConcert(concert));
  const rows: SeatRow[] = [];
  let cursor: string | undefined;
  do {
    // `cursor` is not in the OpenAPI document of this route yet, hence the untyped GET.
    const page = (await getUntyped<{ seats: SeatRow[]; nextCursor?: string | null }>(`${base}/seats${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    rows.push(...(page?.seats ?? []));
    cursor = page?.nextCursor ?? undefined;
  } while (cursor);
  performance.mark('availability-arrived');
  applySeatRows(model, rows);
  return model;
}

/** Refetches the availability document after a version gap (fallback: every seats page). */
export async function reloadAvailability(concert: ConcertDetail, showId: string, model: SeatModel): Promise<void> {
  const doc = await getUntyped<Availability>(`${showPath(concert.concertId, showId)}/availability`);
  if (doc.body) return applyAvailability(model, doc.body);
  const fresh = await loadSeats(concert, showId);
  model.status.set(fresh.status);
  fresh.sections.forEach((s, i) => {
    const target = model.sections[i];
    if (target) target.available = s.available;
  });
}

/** The fan's own live reservations for this show: their seats are drawn as "yours", not as a stranger's. */
export async function ownHolds(showId: string): Promise<Reservation[]> {
  const page = await ok<Page<Reservation>>(api().GET('/v1/reservations', { params: { query: { limit: 50 } } }));
  return page.items.filter((r) => r.showId === showId && (r.status === 'HOLD' || r.status === 'PAYING' || r.status === 'CONFIRMED'));
}
