import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, tableName } from '#platform/clients';
import { gsi2, keys } from '#adapters/dynamo/keys';
import * as adminApi from '../../../functions/http/admin-catalog';
import * as publicApi from '../../../functions/http/catalog';
import { admin, invoke, user } from '../../helpers/api-event';
import { concertBody, createConcert, createWorld, smallLayoutCapacity, tag } from './fixtures';

describe('catalog administration', () => {
  it('creates a venue, artist, agency and concert, and generates every seat of every show AVAILABLE', async () => {
    const t = tag();
    const world = await createWorld({ artist: `뉴진스 ${t}`, agency: `ADOR ${t}`, venue: `KSPO DOME ${t}` });
    const concert = await createConcert(world, `NewJeans Bunnies Camp ${t}`, ['2026-12-24T11:00:00.000Z', '2026-12-25T11:00:00.000Z']);

    expect(concert).toMatchObject({ title: `NewJeans Bunnies Camp ${t}`, status: 'READY', genre: 'K-POP', ...world });
    expect(concert.shows).toHaveLength(2);
    for (const show of concert.shows) {
      const map = await invoke(publicApi.getSeatMap, {
        method: 'GET',
        resource: '/v1/concerts/{concertId}/shows/{showId}/seats',
        pathParameters: { concertId: concert.concertId, showId: show.showId },
      });
      expect(map.status).toBe(200);
      expect(map.body.seats).toHaveLength(smallLayoutCapacity);
      expect(map.body.counts).toMatchObject({ total: smallLayoutCapacity, AVAILABLE: smallLayoutCapacity, HELD: 0, SOLD: 0 });
    }
    const seat = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(concert.shows[0].showId, 'B-3-4') }));
    expect(seat.Item).toEqual({
      ...keys.seat(concert.shows[0].showId, 'B-3-4'),
      concertId: concert.concertId,
      showId: concert.shows[0].showId,
      seatId: 'B-3-4',
      section: 'B',
      row: 3,
      number: 4,
      grade: 'R',
      price: 154000,
      currency: 'KRW',
      status: 'AVAILABLE',
      version: 0,
    });
  });

  it('answers a USER with 403 and an anonymous caller with 401 on every admin route', async () => {
    const writes = Object.entries(adminApi);
    expect(writes.length).toBe(12);
    for (const [name, handler] of writes) {
      const asUser = await invoke(handler, { method: 'POST', resource: '/v1/admin/x', body: {}, principal: user });
      expect(asUser.status, name).toBe(403);
      expect(asUser.body.error.code).toBe('FORBIDDEN');
      const anonymous = await invoke(handler, { method: 'POST', resource: '/v1/admin/x', body: {} });
      expect(anonymous.status, name).toBe(401);
    }
  });

  it('names every bad field of a venue, a concert and a patch', async () => {
    const venue = await invoke(adminApi.createVenue, {
      method: 'POST',
      resource: '/v1/admin/venues',
      principal: admin,
      body: { name: '', city: 'Seoul', layout: { sections: [{ name: 'A-1', grade: 'VIP', rows: 0, seatsPerRow: 10 }] } },
    });
    expect(venue.status).toBe(400);
    expect(venue.body.error.code).toBe('VALIDATION_FAILED');
    expect(venue.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['layout.sections.0.name', 'layout.sections.0.rows', 'name']);

    const concert = await invoke(adminApi.createConcert, {
      method: 'POST',
      resource: '/v1/admin/concerts',
      principal: admin,
      body: { artistId: 'a', agencyId: 'b', venueId: 'c', priceTiers: [{ grade: 'R', price: -1, currency: 'USD' }], shows: [{ startsAt: 'tomorrow' }] },
    });
    expect(concert.status).toBe(400);
    expect(concert.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'priceTiers.0.currency',
      'priceTiers.0.price',
      'shows.0.startsAt',
      'title',
    ]);

    const t = tag();
    const world = await createWorld({ artist: `IVE ${t}`, agency: `Starship ${t}`, venue: `Jamsil ${t}` });
    const unknownRefs = await invoke(adminApi.createConcert, {
      method: 'POST',
      resource: '/v1/admin/concerts',
      principal: admin,
      body: { ...concertBody(world, 'x'), artistId: 'no-such-artist', priceTiers: [{ grade: 'VIP', price: 1, currency: 'KRW' }] },
    });
    expect(unknownRefs.status).toBe(400);
    expect(unknownRefs.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['artistId', 'priceTiers']);

    const created = await createConcert(world, `IVE Show ${t}`);
    const patch = await invoke(adminApi.updateConcert, {
      method: 'PATCH',
      resource: '/v1/admin/concerts/{concertId}',
      pathParameters: { concertId: created.concertId },
      principal: admin,
      body: { title: 'ok', venueId: world.venueId },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details.issues).toEqual([{ in: 'body', path: 'venueId', message: 'Unknown or read-only field' }]);

    const malformed = await invoke(adminApi.createArtist, { method: 'POST', resource: '/v1/admin/artists', principal: admin, body: '{"name":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('patches only the fields sent and shows the change in public reads at once', async () => {
    const t = tag();
    const world = await createWorld({ artist: `aespa ${t}`, agency: `SM ${t}`, venue: `Gocheok ${t}` });
    const concert = await createConcert(world, `SYNK ${t}`);
    const before = await invoke(publicApi.getConcert, { method: 'GET', resource: '/v1/concerts/{concertId}', pathParameters: { concertId: concert.concertId } });
    expect(before.body.artist.name).toBe(`aespa ${t}`);

    const renamed = await invoke(adminApi.updateArtist, {
      method: 'PATCH',
      resource: '/v1/admin/artists/{artistId}',
      pathParameters: { artistId: world.artistId },
      principal: admin,
      body: { name: `에스파 ${t}` },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `에스파 ${t}`, genre: 'K-POP' });
    const patched = await invoke(adminApi.updateConcert, {
      method: 'PATCH',
      resource: '/v1/admin/concerts/{concertId}',
      pathParameters: { concertId: concert.concertId },
      principal: admin,
      body: { description: '첫 단독 콘서트' },
    });
    expect(patched.body).toMatchObject({ title: `SYNK ${t}`, description: '첫 단독 콘서트' });

    const after = await invoke(publicApi.getConcert, { method: 'GET', resource: '/v1/concerts/{concertId}', pathParameters: { concertId: concert.concertId } });
    expect(after.body).toMatchObject({ description: '첫 단독 콘서트', artist: { name: `에스파 ${t}` } });
    const search = await invoke(publicApi.listConcerts, { method: 'GET', resource: '/v1/concerts', query: { q: `에스파 ${t}` } });
    expect(search.body.items.map((c: { concertId: string }) => c.concertId)).toEqual([concert.concertId]);

    const empty = await invoke(adminApi.updateVenue, {
      method: 'PATCH',
      resource: '/v1/admin/venues/{venueId}',
      pathParameters: { venueId: world.venueId },
      principal: admin,
      body: {},
    });
    expect(empty.status).toBe(400);
    const missing = await invoke(adminApi.updateAgency, {
      method: 'PATCH',
      resource: '/v1/admin/agencies/{agencyId}',
      pathParameters: { agencyId: 'nope' },
      principal: admin,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(404);
  });

  it('refuses to delete a concert that has a reservation (409) and deletes one that has none, seats included', async () => {
    const t = tag();
    const world = await createWorld({ artist: `SEVENTEEN ${t}`, agency: `Pledis ${t}`, venue: `Sangam ${t}` });
    const booked = await createConcert(world, `FOLLOW ${t}`);
    const reservationId = `res-${t}`;
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.reservation(reservationId), ...gsi2.reservationsOfConcert(booked.concertId, reservationId), status: 'CONFIRMED' },
      }),
    );
    const del = (concertId: string) =>
      invoke(adminApi.deleteConcert, { method: 'DELETE', resource: '/v1/admin/concerts/{concertId}', pathParameters: { concertId }, principal: admin });

    const refused = await del(booked.concertId);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');

    const free = await createConcert(world, `RIGHT HERE ${t}`);
    expect((await del(free.concertId)).status).toBe(204);
    const seat = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(free.shows[0].showId, 'A-1-1') }));
    expect(seat.Item).toBeUndefined();
    const detail = await invoke(publicApi.getConcert, { method: 'GET', resource: '/v1/concerts/{concertId}', pathParameters: { concertId: free.concertId } });
    expect(detail.status).toBe(404);
    expect((await del(free.concertId)).status).toBe(404);

    const venueInUse = await invoke(adminApi.deleteVenue, {
      method: 'DELETE',
      resource: '/v1/admin/venues/{venueId}',
      pathParameters: { venueId: world.venueId },
      principal: admin,
    });
    expect(venueInUse.status).toBe(409);
  });

  it('lists artists, agencies and venues in pages that cover each exactly once', async () => {
    const t = tag();
    const world = await createWorld({ artist: `ZZ list ${t}`, agency: `ZZ list ${t}`, venue: `ZZ list ${t}` });
    for (const [handler, resource, idField, id] of [
      [publicApi.listArtists, '/v1/artists', 'artistId', world.artistId],
      [publicApi.listAgencies, '/v1/agencies', 'agencyId', world.agencyId],
      [publicApi.listVenues, '/v1/venues', 'venueId', world.venueId],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const res = await invoke(handler, { method: 'GET', resource, query: { limit: '2', cursor } });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: Record<string, string>) => i[idField]));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toContain(id);
    }
    const bad = await invoke(publicApi.listVenues, { method: 'GET', resource: '/v1/venues', query: { cursor: 'garbage', limit: '500' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['limit']);
    const forged = await invoke(publicApi.listVenues, { method: 'GET', resource: '/v1/venues', query: { cursor: 'eyJQSyI6MX0' } });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details.issues[0].path).toBe('cursor');
  });
});
