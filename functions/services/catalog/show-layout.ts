import { createHash } from 'node:crypto';
import { notFound } from '#platform/errors';
import { SeatSlots, type ShowLayout } from '#domain/catalog/availability';
import type { Concert, Venue } from '#domain/catalog/types';
import type { CatalogDeps } from './ports';
import { singleFlight } from './single-flight';

/**
 * The layout of a show: the venue's sections priced by the concert's tiers. Venue layouts, tiers and shows cannot
 * change once seats exist (see schemas.ts), so a layout is immutable: cached in the container for a minute, in Redis
 * for an hour (dropped when the concert is deleted), and at the edge by its ETag.
 */
const loads = singleFlight<ShowLayout | undefined>();
const MEMO_ENTRIES = 64;
/** A deleted show stops being served by a container within this long. */
const MEMO_MS = 60_000;
const memo = new Map<string, { layout: ShowLayout; slots: SeatSlots; until: number }>();

export function layoutOf(concert: Concert, venue: Venue, showId: string): ShowLayout {
  const tiers = new Map(concert.priceTiers.map((t) => [t.grade, t]));
  const sections = venue.layout.sections.map((s) => ({
    name: s.name,
    grade: s.grade,
    price: tiers.get(s.grade)?.price ?? 0,
    currency: tiers.get(s.grade)?.currency ?? 'KRW',
    rows: s.rows,
    seatsPerRow: s.seatsPerRow,
  }));
  const version = createHash('sha256').update(JSON.stringify(sections)).digest('base64url').slice(0, 16);
  return { showId, concertId: concert.concertId, version, sections };
}

async function load(deps: CatalogDeps, concertId: string, showId: string): Promise<ShowLayout | undefined> {
  const concert = await deps.store.get('CONCERT', concertId);
  if (!concert || concert.status !== 'READY' || !concert.shows.some((s) => s.showId === showId)) return undefined;
  const venue = await deps.store.get('VENUE', concert.venueId);
  return venue ? layoutOf(concert, venue, showId) : undefined;
}

/** The show's layout and seat slots; 404 when the show is not a published show of the concert. */
export async function showLayout(deps: CatalogDeps, concertId: string, showId: string): Promise<{ layout: ShowLayout; slots: SeatSlots }> {
  const key = `${concertId}/${showId}`;
  const known = memo.get(key);
  if (known && known.until > Date.now()) return known;
  const layout =
    (await deps.layouts.get(key)) ??
    (await loads(key, async () => {
      const loaded = await load(deps, concertId, showId);
      if (loaded) await deps.layouts.set(key, loaded);
      return loaded;
    }));
  if (!layout) throw notFound('Show', showId);
  const entry = { layout, slots: new SeatSlots(layout), until: Date.now() + MEMO_MS };
  memo.delete(key);
  memo.set(key, entry);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
  return entry;
}
