/**
 * `GET /v1/concerts` — how concert search works, and when it stops working.
 *
 * Search reads a *catalog projection*: one listing per published concert (title, artist, agency, venue, shows,
 * lowest price, sales-policy times, and the text folded for matching), built from DynamoDB by four GSI1 queries
 * plus one BatchGet of sales policies, stored in Redis as one JSON document per catalog *version*, and queried
 * in memory (filter → sort → keyset page) by the pure search in functions/domain/catalog/search-concerts.ts.
 * Each Lambda container also keeps the parsed projection in memory and re-reads it only when the version key
 * changes (or after MEMO_MAX_AGE_MS), so a search costs one small Redis GET plus a scan of an array.
 *
 * Matching: NFKD + accents stripped + lower case, Hangul recomposed so a syllable fragment matches; a token of
 * initial consonants only (`ㅂㄹㅍㅋ`) matches the syllables' initials. Every token of `q` must match.
 * Popularity: `recordPopularity(concertId, delta)` in functions/adapters/redis/catalog-popularity.ts.
 *
 * Invalidation: every admin write bumps the version (`invalidateCatalogProjection`), so the next search
 * rebuilds; a projection built while a write happened is stored under the old version and never read. A TTL
 * (PROJECTION_TTL_SECONDS) bounds staleness from writers outside the catalog (the sales-policy PUT should call
 * `invalidateConcertReads`, functions/adapters/redis/catalog-invalidation.ts).
 *
 * Scale: a listing is ~1 KB, so 10,000 concerts is a ~10 MB document, a rebuild of ~10,000 items and a scan of a
 * few milliseconds. Past a few thousand live concerts, or when we want relevance ranking, typo tolerance or
 * Korean morphological analysis (the OpenSearch `nori` analyzer), move search to OpenSearch fed by DynamoDB
 * Streams behind the same `searchConcerts` signature (handlers and cursors' contract unchanged).
 */
import { dependencyUnavailable, validationFailed } from '#domain/errors';
import { logger } from '#platform/logger';
import { decodeSearchCursor, encodeCursor } from '#domain/catalog/cursor';
import { salePhase, type SalePhase } from '#domain/catalog/sales-policy-summary';
import { isOnSale, listingOf, searchListings, type ConcertListing, type SearchQuery } from '#domain/catalog/search-concerts';
import type { CatalogDeps } from './ports';
import { singleFlight } from './single-flight';

export type SearchInput = Omit<SearchQuery, 'cursor'> & { cursor?: string };

export type ConcertSummary = Omit<ConcertListing, 'searchText' | 'searchInitials' | 'policy'> & {
  onSale: boolean;
  salePhase: SalePhase;
  popularity: number;
};

/** How long this container trusts its parsed projection without asking Redis whether the version moved. */
const MEMO_MAX_AGE_MS = 5_000;
const builds = singleFlight<ConcertListing[]>();

export async function buildProjection(deps: CatalogDeps): Promise<ConcertListing[]> {
  const [concerts, artists, agencies, venues] = await Promise.all([
    deps.store.listAll('CONCERT'),
    deps.store.listAll('ARTIST'),
    deps.store.listAll('AGENCY'),
    deps.store.listAll('VENUE'),
  ]);
  const published = concerts.filter((c) => c.status === 'READY');
  const policies = await deps.store.salesPolicies(published.map((c) => c.concertId));
  const artistOf = new Map(artists.map((a) => [a.artistId, a]));
  const agencyOf = new Map(agencies.map((a) => [a.agencyId, a]));
  const venueOf = new Map(venues.map((v) => [v.venueId, v]));
  return published.flatMap((c) => {
    const artist = artistOf.get(c.artistId);
    const agency = agencyOf.get(c.agencyId);
    const venue = venueOf.get(c.venueId);
    if (!artist || !agency || !venue) return [];
    const starts = c.shows.map((s) => s.startsAt).sort();
    return [
      listingOf({
        concertId: c.concertId,
        title: c.title,
        genre: c.genre,
        artist: { artistId: artist.artistId, name: artist.name },
        agency: { agencyId: agency.agencyId, name: agency.name },
        venue: { venueId: venue.venueId, name: venue.name, city: venue.city },
        shows: [...c.shows].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
        firstShowAt: starts[0] ?? '',
        lastShowAt: starts[starts.length - 1] ?? '',
        priceFrom: Math.min(...c.priceTiers.map((t) => t.price)),
        currency: c.priceTiers[0]?.currency ?? 'KRW',
        policy: policies.get(c.concertId),
      }),
    ];
  });
}

async function loadProjection(deps: CatalogDeps): Promise<ConcertListing[]> {
  if (!deps.cacheEnabled()) return buildProjection(deps);
  const now = deps.clock.now().getTime();
  const memo = deps.memo.projection;
  let version: string;
  try {
    version = await deps.projection.version();
  } catch (error) {
    // Redis away: serve from DynamoDB rather than fail the search.
    logger.warn('catalog projection version unavailable', { error: error as Error });
    return builds('direct', () => buildProjection(deps));
  }
  if (memo && memo.version === version && now - memo.loadedAt < MEMO_MAX_AGE_MS) return memo.listings;
  const listings = await builds(version, async () => {
    const stored = await deps.projection.get(version).catch(() => undefined);
    if (stored) return stored;
    const built = await buildProjection(deps);
    await deps.projection.set(version, built);
    return built;
  });
  deps.memo.projection = { version, listings, loadedAt: now };
  return listings;
}

function toSummary(listing: ConcertListing, now: Date, popularity: number): ConcertSummary {
  const { searchText: _text, searchInitials: _initials, policy, ...summary } = listing;
  return { ...summary, onSale: isOnSale(listing, now), salePhase: salePhase(policy, now), popularity };
}

async function popularitySnapshot(deps: CatalogDeps, id: string | undefined) {
  try {
    return await deps.popularity.snapshot(id);
  } catch {
    throw dependencyUnavailable('Popularity counters');
  }
}

export async function searchConcerts(deps: CatalogDeps, input: SearchInput): Promise<{ items: ConcertSummary[]; nextCursor: string | null }> {
  const cursor = input.cursor === undefined ? undefined : decodeSearchCursor(input.cursor, input.sort);
  if (input.cursor !== undefined && !cursor) {
    throw validationFailed([{ in: 'query', path: 'cursor', message: 'Not a cursor issued for this sort' }]);
  }
  const listings = await loadProjection(deps);
  const snapshot = input.sort === '-popularity' ? await popularitySnapshot(deps, cursor?.snapshot) : undefined;
  if (input.sort === '-popularity' && !snapshot) {
    throw validationFailed([{ in: 'query', path: 'cursor', message: 'This cursor expired; start again from the first page' }]);
  }
  const now = deps.clock.now();
  const page = searchListings(listings, { ...input, cursor }, now, (id) => snapshot?.scores.get(id) ?? 0);
  const scores = snapshot?.scores ?? (await deps.popularity.scores(page.items.map((l) => l.concertId)).catch(() => new Map<string, number>()));
  return {
    items: page.items.map((l) => toSummary(l, now, scores.get(l.concertId) ?? 0)),
    nextCursor: page.next ? encodeCursor({ ...page.next, snapshot: snapshot?.id }) : null,
  };
}
