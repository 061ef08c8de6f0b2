import { beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, tableName } from '#platform/clients';
import { ManualClock } from '#platform/clock';
import { keys } from '#adapters/dynamo/keys';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { catalogDeps, type CatalogDeps } from '#composition/catalog';
import { searchConcerts, type SearchInput } from '#services/catalog/search-concerts';
import { SORTS, type Sort } from '#domain/catalog/search-concerts';
import { isDomainError } from '#platform/errors';
import * as publicApi from '../../../functions/http/catalog';
import { invoke } from '../../helpers/api-event';
import { createConcert, createWorld, smallPrices, tag, type World } from './fixtures';

const t = tag();
/** Search at a fixed instant, so on-sale answers do not depend on the day the suite runs. */
const deps = (): CatalogDeps => ({ ...catalogDeps(), clock: new ManualClock(new Date('2026-11-30T00:00:00.000Z')), memo: {} });
const search = (input: Partial<SearchInput>) => searchConcerts(deps(), { sort: 'startsAt', limit: 100, ...input });
const titles = async (input: Partial<SearchInput>) => (await search(input)).items.map((c) => c.title.replace(` ${t}`, ''));

let pink: World;
let creme: World;
const ids: Record<string, string> = {};

beforeAll(async () => {
  pink = await createWorld({ artist: `블랙핑크 BLACKPINK ${t}`, agency: `YG엔터테인먼트 ${t}`, venue: `고척스카이돔 Gocheok Sky Dome ${t}` });
  creme = await createWorld({ artist: `Crème Brûlée ${t}`, agency: `Ａｎｔｅｎｎａ ${t}`, venue: `Sejong Hall ${t}`, city: 'Busan' });
  const price = (min: number) => [smallPrices[0] as (typeof smallPrices)[number], { grade: 'R', price: min, currency: 'KRW' }];
  ids.A = (await createConcert(pink, `BORN PINK ${t}`, ['2026-12-20T10:00:00.000Z'], price(154000))).concertId;
  ids.B = (await createConcert(pink, `Pink Venom Night ${t}`, ['2027-01-10T10:00:00.000Z'], price(99000))).concertId;
  ids.C = (
    await createConcert({ ...creme }, `Ballade Soirée ${t}`, ['2027-02-01T10:00:00.000Z'], price(55000))
  ).concertId;
  ids.D = (await createConcert(creme, `안녕 콘서트 ${t}`, ['2026-12-01T10:00:00.000Z', '2027-03-01T10:00:00.000Z'], price(120000))).concertId;
  // C is not on sale yet: its general sale opens in 2030 (the holds capability writes this item in production).
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...keys.salesPolicy(ids.C as string), generalSaleStartAt: '2030-01-01T00:00:00.000Z', maxTicketsPerUser: 2 } }));
  await recordPopularity(ids.B as string, 50);
  await recordPopularity(ids.D as string, 20);
  await recordPopularity(ids.A as string, 5);
  await catalogDeps().projection.invalidate();
});

describe('concert search', () => {
  it('finds concerts by a Hangul fragment, by Hangul initial consonants and across scripts', async () => {
    expect(await titles({ q: `핑크 ${t}` })).toEqual(['BORN PINK', 'Pink Venom Night']);
    expect(await titles({ q: `ㅂㄹㅍㅋ ${t}` })).toEqual(['BORN PINK', 'Pink Venom Night']);
    expect(await titles({ q: `스카이 ${t}` })).toEqual(['BORN PINK', 'Pink Venom Night']);
    expect(await titles({ q: `안녕 ${t}` })).toEqual(['안녕 콘서트']);
  });

  it('finds concerts by an English fragment, ignoring case, accents and full-width forms', async () => {
    expect(await titles({ q: `VENOM ${t}` })).toEqual(['Pink Venom Night']);
    expect(await titles({ q: `soiree ${t}` })).toEqual(['Ballade Soirée']);
    expect(await titles({ q: `creme brulee ${t}` })).toEqual(['안녕 콘서트', 'Ballade Soirée']);
    expect(await titles({ q: `antenna ${t}` })).toEqual(['안녕 콘서트', 'Ballade Soirée']);
    expect(await titles({ q: `busan ${t}` })).toEqual(['안녕 콘서트', 'Ballade Soirée']);
    expect(await titles({ q: `nothing-like-this ${t}` })).toEqual([]);
  });

  it('filters by artist, agency, venue, genre, show dates and sale status', async () => {
    expect(await titles({ artistId: pink.artistId })).toEqual(['BORN PINK', 'Pink Venom Night']);
    expect(await titles({ agencyId: creme.agencyId })).toEqual(['안녕 콘서트', 'Ballade Soirée']);
    expect(await titles({ venueId: creme.venueId, q: 'ballade' })).toEqual(['Ballade Soirée']);
    expect(await titles({ genre: 'k-pop', q: t })).toEqual(['안녕 콘서트', 'BORN PINK', 'Pink Venom Night', 'Ballade Soirée']);
    expect(await titles({ genre: 'ballad', q: t })).toEqual([]);
    expect(await titles({ q: t, from: '2027-01-01T00:00:00.000Z', to: '2027-01-31T23:59:59.000Z' })).toEqual(['Pink Venom Night']);
    expect(await titles({ q: t, from: '2027-02-15T00:00:00.000Z' })).toEqual(['안녕 콘서트']);
    expect(await titles({ q: t, onSale: true })).toEqual(['안녕 콘서트', 'BORN PINK', 'Pink Venom Night']);
    expect(await titles({ q: t, onSale: false })).toEqual(['Ballade Soirée']);
  });

  it('sorts by start, reverse start, title, popularity and price', async () => {
    expect(await titles({ q: t, sort: 'startsAt' })).toEqual(['안녕 콘서트', 'BORN PINK', 'Pink Venom Night', 'Ballade Soirée']);
    expect(await titles({ q: t, sort: '-startsAt' })).toEqual(['Ballade Soirée', 'Pink Venom Night', 'BORN PINK', '안녕 콘서트']);
    expect(await titles({ q: t, sort: 'title' })).toEqual(['Ballade Soirée', 'BORN PINK', 'Pink Venom Night', '안녕 콘서트']);
    expect(await titles({ q: t, sort: 'price' })).toEqual(['Ballade Soirée', 'Pink Venom Night', '안녕 콘서트', 'BORN PINK']);
    expect(await titles({ q: t, sort: '-popularity' })).toEqual(['Pink Venom Night', '안녕 콘서트', 'BORN PINK', 'Ballade Soirée']);
  });

  it('serves the same search over HTTP with summaries, sale status and popularity', async () => {
    const res = await invoke(publicApi.listConcerts, { method: 'GET', resource: '/v1/concerts', query: { q: `핑크 ${t}`, sort: 'price', limit: '1' } });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      concertId: ids.B,
      artist: { artistId: pink.artistId },
      venue: { venueId: pink.venueId, city: 'Seoul' },
      priceFrom: 99000,
      currency: 'KRW',
      popularity: 50,
      onSale: true,
    });
    expect(res.body.items[0].searchText).toBeUndefined();
    expect(typeof res.body.nextCursor).toBe('string');
    const bad = await invoke(publicApi.listConcerts, { method: 'GET', resource: '/v1/concerts', query: { sort: 'loudness', limit: '0', from: 'soon' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['from', 'limit', 'sort']);
  });

  it('shows the sales-policy summary on the concert detail, with defaults when none is stored', async () => {
    const withPolicy = await invoke(publicApi.getConcert, { method: 'GET', resource: '/v1/concerts/{concertId}', pathParameters: { concertId: ids.C as string } });
    expect(withPolicy.body.salesPolicy).toMatchObject({ phase: 'NOT_OPEN', generalSaleStartAt: '2030-01-01T00:00:00.000Z', maxTicketsPerUser: 2, holdTtlSeconds: 300, isDefault: false });
    const defaults = await invoke(publicApi.getConcert, { method: 'GET', resource: '/v1/concerts/{concertId}', pathParameters: { concertId: ids.A as string } });
    expect(defaults.body).toMatchObject({
      title: `BORN PINK ${t}`,
      artist: { name: `블랙핑크 BLACKPINK ${t}` },
      venue: { capacity: 22 },
      priceTiers: [{ grade: 'VIP' }, { grade: 'R', price: 154000 }],
      salesPolicy: { phase: 'GENERAL_SALE', maxTicketsPerUser: 4, holdTtlSeconds: 300, paymentTtlSeconds: 600, refundCutoffHours: 24, isDefault: true },
    });
  });
});

describe('search paging', () => {
  let many: World;
  const created: string[] = [];
  const pagingTag = tag();

  beforeAll(async () => {
    many = await createWorld({ artist: `Stray Kids ${pagingTag}`, agency: `JYP ${pagingTag}`, venue: `Inspire Arena ${pagingTag}` });
    // Few distinct dates, prices and titles: most items tie on the sort key, so the id tie-breaker carries the paging.
    for (let i = 0; i < 23; i++) {
      const day = String(1 + (i % 3)).padStart(2, '0');
      const price = [{ grade: 'VIP', price: 200000, currency: 'KRW' }, { grade: 'R', price: 50000 + (i % 4) * 10000, currency: 'KRW' }];
      const c = await createConcert(many, `dominATE ${i % 5}`, [`2027-04-${day}T10:00:00.000Z`], price);
      created.push(c.concertId);
      if (i % 2) await recordPopularity(c.concertId, i % 3);
    }
  }, 120_000);

  async function pageThrough(sort: Sort, between?: (page: number) => Promise<void>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await searchConcerts(deps(), { artistId: many.artistId, sort, limit: 4, cursor });
      expect(res.items.length).toBeLessThanOrEqual(4);
      seen.push(...res.items.map((c) => c.concertId));
      if (!res.nextCursor) return seen;
      cursor = res.nextCursor;
      await between?.(page);
    }
    throw new Error('paging did not end');
  }

  it.each(SORTS)('returns every concert exactly once when paging by %s', async (sort) => {
    const seen = await pageThrough(sort);
    expect(seen).toHaveLength(created.length);
    expect(new Set(seen)).toEqual(new Set(created));
  });

  it('keeps the popularity order stable while counters move between pages', async () => {
    const seen = await pageThrough('-popularity', async (page) => {
      await recordPopularity(created[(page * 7) % created.length] as string, 100);
    });
    expect(seen).toHaveLength(created.length);
    expect(new Set(seen)).toEqual(new Set(created));
  });

  it('neither repeats nor skips existing concerts when a concert is added while paging', async () => {
    let added: string | undefined;
    const seen = await pageThrough('startsAt', async (page) => {
      if (page === 1) added = (await createConcert(many, `dominATE late`, ['2027-04-01T10:00:00.000Z'])).concertId;
    });
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of created) expect(seen).toContain(id);
    created.push(added as string);
  });

  it('refuses a cursor it did not issue, or one issued for another sort, naming the cursor', async () => {
    const first = await searchConcerts(deps(), { artistId: many.artistId, sort: 'title', limit: 2 });
    for (const cursor of ['garbage', first.nextCursor as string]) {
      const error = await searchConcerts(deps(), { artistId: many.artistId, sort: 'price', limit: 2, cursor }).catch((e: unknown) => e);
      expect(isDomainError(error) && error.code).toBe('VALIDATION_FAILED');
      expect(isDomainError(error) && error.details).toEqual({ issues: [{ in: 'query', path: 'cursor', message: expect.any(String) }] });
    }
  });
});
