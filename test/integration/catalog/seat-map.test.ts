import { describe, expect, it } from 'vitest';
import { UpdateCommand } from '#platform/clients/dynamo-commands';
import { dynamo, redis, tableName } from '#platform/clients';
import { keys } from '#adapters/dynamo/keys';
import { decodeAvailability } from '#domain/catalog/availability';
import { catalogDeps, type CatalogDeps } from '#composition/catalog';
import { currentAvailability, publishChanges, recordSeatChange } from '#services/catalog/seat-availability';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { ulids } from '#platform/ids';
import { showLayout } from '#services/catalog/show-layout';
import * as publicApi from '../../../functions/http/catalog';
import { invoke } from '../../helpers/api-event';
import { createConcert, createWorld, smallLayoutCapacity, tag } from './fixtures';

/** Flips a seat the way the holds capability does: a conditional update that bumps the version. */
async function flip(showId: string, seatId: string, status: 'HELD' | 'SOLD', holdExpiresAt?: string) {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.seat(showId, seatId),
      UpdateExpression: holdExpiresAt
        ? 'SET #s = :s, version = version + :one, reservationId = :r, holdExpiresAt = :h'
        : 'SET #s = :s, version = version + :one, reservationId = :r',
      ConditionExpression: '#s = :available',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status, ':one': 1, ':r': 'res-test', ':available': 'AVAILABLE', ...(holdExpiresAt ? { ':h': holdExpiresAt } : {}) },
    }),
  );
}

const route = (name: string) => `/v1/concerts/{concertId}/shows/{showId}/${name}`;
const seats = (concertId: string, showId: string, query?: Record<string, string>) =>
  invoke(publicApi.getSeatMap, { resource: route('seats'), pathParameters: { concertId, showId }, query });
const layout = (concertId: string, showId: string, headers?: Record<string, string>) =>
  invoke(publicApi.getLayout, { resource: route('layout'), pathParameters: { concertId, showId }, headers });
const availability = (concertId: string, showId: string, headers?: Record<string, string>) =>
  invoke(publicApi.getAvailability, { resource: route('availability'), pathParameters: { concertId, showId }, headers });

/** What the seat workers do for a reservation event: record its seats' change, then (at the interval's end) publish. */
async function recordAndPublish(deps: CatalogDeps, concertId: string, showId: string, event: { type: string; seatIds: string[]; reservationId?: string; holdExpiresAt?: string }) {
  const shown = await showLayout(deps, concertId, showId);
  const change = seatChangeOf(event.type, { reservationId: event.reservationId ?? ulids.next(), concertId, showId, seatIds: event.seatIds, holdExpiresAt: event.holdExpiresAt });
  await recordSeatChange(deps, shown, change!, 1000);
  return publishChanges(deps, shown);
}

async function newShow(name: string) {
  const t = tag();
  const world = await createWorld({ artist: `${name} ${t}`, agency: `Agency ${t}`, venue: `Hall ${t}` });
  const concert = await createConcert(world, `${name} tour ${t}`);
  return { concertId: concert.concertId as string, showId: concert.shows[0].showId as string };
}

describe('seat map: layout, availability and the paged seat list', () => {
  it('counts seats per status and grade, shows a lapsed hold as AVAILABLE, and availability decodes to the seat list', async () => {
    const { concertId, showId } = await newShow('TWICE');
    await flip(showId, 'A-1-1', 'HELD', new Date(Date.now() + 10 * 60_000).toISOString());
    await flip(showId, 'A-1-2', 'HELD', new Date(Date.now() - 60_000).toISOString());
    await flip(showId, 'B-2-3', 'SOLD');

    const res = await seats(concertId, showId);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({
      total: smallLayoutCapacity,
      AVAILABLE: smallLayoutCapacity - 2,
      HELD: 1,
      SOLD: 1,
      byGrade: { VIP: { total: 10, AVAILABLE: 9, HELD: 1, SOLD: 0 }, R: { total: 12, AVAILABLE: 11, HELD: 0, SOLD: 1 } },
    });
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.seats[0]).toEqual({ seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 198000, status: 'HELD' });
    expect(res.body.seats.map((s: { seatId: string }) => s.seatId).slice(0, 6)).toEqual(['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4', 'A-1-5', 'A-2-1']);
    const listed = new Map<string, string>(res.body.seats.map((s: { seatId: string; status: string }) => [s.seatId, s.status]));
    expect(Object.fromEntries([...listed].filter(([, s]) => s !== 'AVAILABLE'))).toEqual({ 'A-1-1': 'HELD', 'B-2-3': 'SOLD' });

    const [shape, live] = await Promise.all([layout(concertId, showId), availability(concertId, showId)]);
    expect(shape.body).toEqual({
      showId,
      version: expect.any(String),
      sections: [
        { name: 'A', grade: 'VIP', price: 198000, currency: 'KRW', rows: 2, seatsPerRow: 5 },
        { name: 'B', grade: 'R', price: 154000, currency: 'KRW', rows: 3, seatsPerRow: 4 },
      ],
    });
    expect(live.body).toMatchObject({ showId, version: res.body.version, sections: [{ name: 'A', available: 9, held: 1, sold: 0 }, { name: 'B', available: 11, held: 0, sold: 1 }] });
    expect(decodeAvailability(shape.body, live.body)).toEqual(listed);
  });

  it('serves the layout with a day-long Cache-Control and its ETag, and 304 on If-None-Match', async () => {
    const { concertId, showId } = await newShow('ITZY');
    const first = await layout(concertId, showId);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=86400');
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    const again = await layout(concertId, showId, { 'If-None-Match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    expect(again.headers.etag).toBe(first.headers.etag);
    expect((await layout(concertId, showId, { 'If-None-Match': '"something-else"' })).status).toBe(200);
  });

  it('answers 304 while the version holds, and a new version once a change is recorded or a hold lapses', async () => {
    const { concertId, showId } = await newShow('IVE');
    const deps = catalogDeps();
    const first = await availability(concertId, showId);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe(`"${first.body.version}"`);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    expect((await availability(concertId, showId, { 'If-None-Match': first.headers.etag! })).status).toBe(304);
    expect((await availability(concertId, showId, { 'If-None-Match': `W/${first.headers.etag!}` })).status).toBe(304);

    // A change nobody recorded is not seen (availability never queries the show); once recorded it is one version.
    await flip(showId, 'B-1-1', 'SOLD');
    expect((await availability(concertId, showId, { 'If-None-Match': first.headers.etag! })).status).toBe(304);
    const published = await recordAndPublish(deps, concertId, showId, { type: 'ReservationConfirmed', seatIds: ['B-1-1'] });
    expect(published.version).toBe(first.body.version + 1);
    expect(published.unpushed).toEqual([{ version: first.body.version + 1, changes: [{ slot: expect.any(Number), code: 2 }] }]);
    const changed = await availability(concertId, showId, { 'If-None-Match': first.headers.etag! });
    expect(changed.status).toBe(200);
    expect(changed.body.version).toBe(first.body.version + 1);
    expect(changed.body.sections[1]).toMatchObject({ name: 'B', sold: 1 });

    // A hold that lapses reads AVAILABLE from its deadline on, as the hold path treats it, with no event needed.
    const deadline = new Date(Date.now() + 1_500).toISOString();
    await flip(showId, 'A-2-5', 'HELD', deadline);
    await recordAndPublish(deps, concertId, showId, { type: 'ReservationHeld', seatIds: ['A-2-5'], holdExpiresAt: deadline });
    const held = await availability(concertId, showId);
    expect(held.body.sections[0]).toMatchObject({ held: 1 });
    await new Promise((r) => setTimeout(r, 1_600));
    const lapsed = await availability(concertId, showId, { 'If-None-Match': `"${held.body.version}"` });
    expect(lapsed.status).toBe(200);
    expect(lapsed.body.version).toBe(held.body.version + 1);
    expect(lapsed.body.sections[0]).toMatchObject({ available: 10, held: 0 });
    expect((await seats(concertId, showId, { section: 'A' })).body.seats.find((s: { seatId: string }) => s.seatId === 'A-2-5').status).toBe('AVAILABLE');
  });

  it('ignores a repeated event and a late one that would move a seat backwards', async () => {
    const { concertId, showId } = await newShow('aespa');
    const deps = catalogDeps();
    const start = await availability(concertId, showId);
    const [first, second] = [ulids.next(), ulids.next()];
    const deadline = new Date(Date.now() + 600_000).toISOString();
    // The first buyer's hold lapses and is released; the second buyer holds and pays. Events arrive out of order.
    await recordAndPublish(deps, concertId, showId, { type: 'ReservationHeld', seatIds: ['A-1-3'], reservationId: second, holdExpiresAt: deadline });
    await recordAndPublish(deps, concertId, showId, { type: 'ReservationConfirmed', seatIds: ['A-1-3'], reservationId: second });
    const late = await Promise.all([
      recordAndPublish(deps, concertId, showId, { type: 'SeatsReleased', seatIds: ['A-1-3'], reservationId: first }),
      recordAndPublish(deps, concertId, showId, { type: 'ReservationHeld', seatIds: ['A-1-3'], reservationId: first, holdExpiresAt: deadline }),
      recordAndPublish(deps, concertId, showId, { type: 'ReservationConfirmed', seatIds: ['A-1-3'], reservationId: second }),
      recordAndPublish(deps, concertId, showId, { type: 'ReservationHeld', seatIds: ['A-1-3'], reservationId: second, holdExpiresAt: deadline }),
    ]);
    expect(late.flatMap((p) => p.unpushed)).toEqual([]);
    const now = await availability(concertId, showId);
    expect(now.body.version).toBe(start.body.version + 2);
    expect(now.body.sections[0]).toMatchObject({ sold: 1, held: 0 });
  });

  it('pages the seat list by section and by cursor, and names a bad section or cursor', async () => {
    const { concertId, showId } = await newShow('NMIXX');
    const b = await seats(concertId, showId, { section: 'B' });
    expect(b.status).toBe(200);
    expect(b.body.seats).toHaveLength(12);
    expect(new Set(b.body.seats.map((s: { section: string }) => s.section))).toEqual(new Set(['B']));
    expect(b.body.nextCursor).toBeNull();
    expect(b.body.counts.total).toBe(smallLayoutCapacity);

    const bad = await seats(concertId, showId, { section: 'Z' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([{ in: 'query', path: 'section', message: 'No section Z in this show' }]);
    const forged = await seats(concertId, showId, { cursor: 'bm90LWEtY3Vyc29y' });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.issues[0].path).toBe('cursor');
  });

  it('answers 404 for an unknown show or a show of another concert on every seat-map route', async () => {
    const a = await newShow('ENHYPEN');
    const b = await newShow('TXT');
    for (const read of [seats, layout, availability]) {
      expect((await read(a.concertId, 'no-such-show')).status).toBe(404);
      const crossed = await read(b.concertId, a.showId);
      expect(crossed.status).toBe(404);
      expect(crossed.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('rebuilds a show Redis lost once from the table, however many readers ask at once', async () => {
    const { concertId, showId } = await newShow('LE SSERAFIM');
    const base = catalogDeps();
    const before = await availability(concertId, showId);
    await flip(showId, 'A-1-1', 'SOLD');
    await redis().del(`avail:{${showId}}:doc`);

    let queries = 0;
    const seatStore = Object.assign(Object.create(base.seats) as CatalogDeps['seats'], { seatsOfShow: (id: string) => (queries++, base.seats.seatsOfShow(id)) });
    const counting: CatalogDeps = { ...base, seats: seatStore };
    const shown = await showLayout(counting, concertId, showId);
    const reads = await Promise.all(Array.from({ length: 20 }, () => currentAvailability(counting, shown)));
    expect(queries).toBe(1);
    const versions = new Set(reads.map((r) => r.version));
    expect(versions.size).toBe(1);
    expect([...versions][0]).toBeGreaterThan(before.body.version);
    expect((await availability(concertId, showId)).body.sections[0]).toMatchObject({ sold: 1 });
  });
});
