import { describe, expect, it } from 'vitest';
import { decodeSearchCursor, encodeCursor } from '#domain/catalog/cursor';
import { listingOf, searchListings, SORTS, type ConcertListing, type SearchQuery } from '#domain/catalog/search-concerts';

const now = new Date('2026-11-30T00:00:00.000Z');

function listing(i: number): ConcertListing {
  const startsAt = `2027-01-0${1 + (i % 3)}T10:00:00.000Z`;
  return listingOf({
    concertId: `C${String(i).padStart(3, '0')}`,
    title: `Title ${i % 4}`,
    genre: 'K-POP',
    artist: { artistId: `AR${i % 2}`, name: i % 2 ? '르세라핌' : 'LE SSERAFIM' },
    agency: { agencyId: 'AG', name: 'Source Music' },
    venue: { venueId: 'V', name: 'KSPO DOME', city: 'Seoul' },
    shows: [{ showId: `S${i}`, startsAt }],
    firstShowAt: startsAt,
    lastShowAt: startsAt,
    priceFrom: 50_000 + (i % 5) * 10_000,
    currency: 'KRW',
  });
}

const all = Array.from({ length: 37 }, (_, i) => listing(i));
const popularity = (id: string) => Number(id.slice(1)) % 6;

function pageAll(query: Omit<SearchQuery, 'cursor' | 'limit'>, limit: number, listings = all): string[] {
  const seen: string[] = [];
  let cursor: SearchQuery['cursor'];
  for (let guard = 0; guard < 100; guard++) {
    const page = searchListings(listings, { ...query, limit, cursor }, now, popularity);
    seen.push(...page.items.map((l) => l.concertId));
    if (!page.next) return seen;
    // Round-trip through the wire form, as a client does.
    cursor = decodeSearchCursor(encodeCursor(page.next), query.sort);
  }
  throw new Error('no end');
}

describe('keyset paging over the projection', () => {
  it.each(SORTS)('returns every item once in %s order, whatever the page size', (sort) => {
    const whole = searchListings(all, { sort, limit: 100 }, now, popularity).items.map((l) => l.concertId);
    for (const limit of [1, 4, 7, 36, 37, 100]) expect(pageAll({ sort }, limit)).toEqual(whole);
  });

  it('continues after a deleted cursor item without repeating or skipping the rest', () => {
    const first = searchListings(all, { sort: 'price', limit: 5 }, now, popularity);
    const gone = first.items[4]?.concertId;
    const rest = searchListings(all.filter((l) => l.concertId !== gone), { sort: 'price', limit: 100, cursor: first.next ?? undefined }, now, popularity);
    const whole = searchListings(all, { sort: 'price', limit: 100 }, now, popularity).items.map((l) => l.concertId);
    expect([...first.items.map((l) => l.concertId), ...rest.items.map((l) => l.concertId)]).toEqual(whole);
  });

  it('matches Hangul and Latin names of the same artist, every token required', () => {
    const ids = (q: string) => searchListings(all, { q, sort: 'startsAt', limit: 100 }, now, popularity).items.length;
    expect(ids('세라')).toBe(18);
    expect(ids('sserafim')).toBe(19);
    expect(ids('ㄹㅅㄹㅍ')).toBe(18);
    expect(ids('sserafim dome')).toBe(19);
    expect(ids('sserafim arena')).toBe(0);
  });

  it('refuses a cursor issued for another sort or not issued at all', () => {
    const next = searchListings(all, { sort: 'title', limit: 2 }, now, popularity).next;
    expect(decodeSearchCursor(encodeCursor(next), 'price')).toBeUndefined();
    expect(decodeSearchCursor('not-base64-json', 'title')).toBeUndefined();
    expect(decodeSearchCursor(encodeCursor({ sort: 'title', key: {}, concertId: 'x' }), 'title')).toBeUndefined();
  });
});
