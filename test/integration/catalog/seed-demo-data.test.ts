import { describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../local/seed';
import { demoConcerts } from '../../../local/seed/demo-catalog';
import { catalogDeps } from '#composition/catalog';
import { readSeatPage } from '#services/catalog/seat-map-reads';
import { searchConcerts } from '#services/catalog/search-concerts';

describe('demo data', () => {
  it('seeds K-POP concerts with Korean and English names, one venue of 10,000+ seats, and changes nothing when run again', async () => {
    const deps = catalogDeps();
    await seedDemoData();
    const count = async () => {
      const [artists, agencies, venues, concerts] = await Promise.all([
        deps.store.listAll('ARTIST'),
        deps.store.listAll('AGENCY'),
        deps.store.listAll('VENUE'),
        deps.store.listAll('CONCERT'),
      ]);
      return { artists: artists.length, agencies: agencies.length, venues: venues.length, concerts: concerts.length, venueList: venues };
    };
    const first = await count();
    await seedDemoData();
    const second = await count();
    expect({ ...second, venueList: undefined }).toEqual({ ...first, venueList: undefined });
    expect(Math.max(...second.venueList.map((v) => v.capacity))).toBeGreaterThanOrEqual(10_000);

    await deps.projection.invalidate();
    const bts = await searchConcerts(deps, { q: '방탄', sort: 'startsAt', limit: 10 });
    expect(bts.items.map((c) => c.title)).toEqual([demoConcerts[0]?.title]);
    const big = bts.items[0];
    const map = await readSeatPage(deps, big?.concertId as string, big?.shows[0]?.showId as string, {});
    expect(map.counts.total).toBe(10_800);
    const byEnglish = await searchConcerts(deps, { q: '스트레이 stray', sort: 'startsAt', limit: 10 });
    expect(byEnglish.items.map((c) => c.artist.name)).toEqual(['스트레이 키즈 Stray Kids']);
  }, 120_000);
});
