import { hangulInitials, isInitialsToken, normalizeText } from './normalize-text';
import { salePhase } from './sales-policy-summary';
import type { Show, StoredSalesPolicy } from './types';

/**
 * Concert search over the catalog projection (see functions/adapters/redis/catalog-projection.ts for where the
 * projection lives and when it would move to OpenSearch). Pure: the caller supplies the listings, the time and
 * the popularity scores.
 *
 * Paging is keyset paging: items are totally ordered by (sort key, concertId) and the cursor carries the last
 * item's sort key and id, so the next page starts strictly after it. An item that exists and keeps its sort key
 * while a client pages is returned exactly once, whatever is inserted or deleted meanwhile. Popularity moves
 * constantly, so `-popularity` pages are ordered by a snapshot of the counters that the cursor pins.
 */
export const SORTS = ['startsAt', '-startsAt', 'title', '-popularity', 'price'] as const;
export type Sort = (typeof SORTS)[number];

/** One concert as the search sees it: the public summary plus the folded text it matches against. */
export interface ConcertListing {
  concertId: string;
  title: string;
  genre: string;
  artist: { artistId: string; name: string };
  agency: { agencyId: string; name: string };
  venue: { venueId: string; name: string; city: string };
  shows: Show[];
  firstShowAt: string;
  lastShowAt: string;
  priceFrom: number;
  currency: string;
  policy?: StoredSalesPolicy;
  /** normalizeText of title, artist, agency, venue and city. */
  searchText: string;
  /** hangulInitials of the same. */
  searchInitials: string;
}

export interface SearchQuery {
  q?: string;
  artistId?: string;
  agencyId?: string;
  venueId?: string;
  genre?: string;
  from?: string;
  to?: string;
  onSale?: boolean;
  sort: Sort;
  limit: number;
  cursor?: Cursor;
}

export interface Cursor {
  sort: Sort;
  key: string | number;
  concertId: string;
  /** The popularity snapshot the first page was ordered by. */
  snapshot?: string;
}

export interface SearchPage {
  items: ConcertListing[];
  next: Cursor | null;
}

export function listingOf(fields: Omit<ConcertListing, 'searchText' | 'searchInitials'>): ConcertListing {
  const words = [fields.title, fields.artist.name, fields.agency.name, fields.venue.name, fields.venue.city].join(' ');
  return { ...fields, searchText: normalizeText(words), searchInitials: hangulInitials(words) };
}

export const isOnSale = (l: ConcertListing, now: Date): boolean =>
  Date.parse(l.lastShowAt) > now.getTime() && salePhase(l.policy, now) !== 'NOT_OPEN';

function matchesText(l: ConcertListing, q: string): boolean {
  return q
    .split(/\s+/)
    .filter(Boolean)
    .every((token) => (isInitialsToken(token) ? l.searchInitials.includes(token.normalize('NFC')) : l.searchText.includes(normalizeText(token))));
}

function matches(l: ConcertListing, q: SearchQuery, now: Date): boolean {
  if (q.artistId && l.artist.artistId !== q.artistId) return false;
  if (q.agencyId && l.agency.agencyId !== q.agencyId) return false;
  if (q.venueId && l.venue.venueId !== q.venueId) return false;
  if (q.genre && normalizeText(l.genre) !== normalizeText(q.genre)) return false;
  if (q.from || q.to) {
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    if (!l.shows.some((s) => Date.parse(s.startsAt) >= from && Date.parse(s.startsAt) <= to)) return false;
  }
  if (q.onSale !== undefined && isOnSale(l, now) !== q.onSale) return false;
  return !q.q || matchesText(l, q.q);
}

export function sortKey(l: ConcertListing, sort: Sort, popularity: (concertId: string) => number): string | number {
  switch (sort) {
    case 'startsAt':
    case '-startsAt':
      return l.firstShowAt;
    case 'title':
      return normalizeText(l.title);
    case 'price':
      return l.priceFrom;
    case '-popularity':
      return popularity(l.concertId);
  }
}

const descending = (sort: Sort) => sort.startsWith('-');

/** Total order: the sort key in its direction, then concertId ascending. */
function compare(sort: Sort, a: { key: string | number; id: string }, b: { key: string | number; id: string }): number {
  const byKey = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  if (byKey !== 0) return descending(sort) ? -byKey : byKey;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function searchListings(
  listings: readonly ConcertListing[],
  query: SearchQuery,
  now: Date,
  popularity: (concertId: string) => number,
): SearchPage {
  const keyed = listings
    .filter((l) => matches(l, query, now))
    .map((l) => ({ l, key: sortKey(l, query.sort, popularity), id: l.concertId }));
  keyed.sort((a, b) => compare(query.sort, a, b));
  const after = query.cursor;
  const start = after ? keyed.findIndex((k) => compare(query.sort, k, { key: after.key, id: after.concertId }) > 0) : 0;
  const page = start < 0 ? [] : keyed.slice(start, start + query.limit);
  const last = page[page.length - 1];
  const hasMore = start >= 0 && start + query.limit < keyed.length;
  return {
    items: page.map((k) => k.l),
    next: hasMore && last ? { sort: query.sort, key: last.key, concertId: last.id, snapshot: after?.snapshot } : null,
  };
}
