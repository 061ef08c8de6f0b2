import { describe, expect, it } from 'vitest';
import { BatchWriteCommand, GetCommand, UpdateCommand } from '#platform/clients/dynamo-commands';
import { dynamo, redis, tableName } from '#platform/clients';
import { isDomainError } from '#platform/errors';
import { keys } from '#adapters/dynamo/keys';
import { catalogDeps } from '#composition/catalog';
import { createConcert } from '#services/catalog/create-concert';
import { createArtist, createAgency, createVenue } from '#services/catalog/manage-entities';
import { readSeatPage } from '#services/catalog/seat-map-reads';
import { tag } from './fixtures';

/** 4 sections × 50 rows × 50 seats = 10,000 seats. */
const stadium = {
  sections: ['A', 'B', 'C', 'D'].map((name, i) => ({ name, grade: ['VIP', 'R', 'S', 'A'][i] as string, rows: 50, seatsPerRow: 50 })),
};
const prices = ['VIP', 'R', 'S', 'A'].map((grade, i) => ({ grade, price: 220000 - i * 40000, currency: 'KRW' as const }));

describe('seat generation', () => {
  it('generates a 10,000-seat show, and a retried creation restores missing seats without duplicating or resetting any', async () => {
    const deps = catalogDeps();
    const t = tag();
    const [artist, agency, venue] = await Promise.all([
      createArtist(deps, { name: `BTS ${t}`, genre: 'K-POP' }),
      createAgency(deps, { name: `HYBE ${t}` }),
      createVenue(deps, { name: `잠실종합운동장 ${t}`, city: 'Seoul', layout: stadium }),
    ]);
    expect(venue.capacity).toBe(10_000);
    const input = {
      title: `BTS Yet To Come ${t}`,
      artistId: artist.artistId,
      agencyId: agency.agencyId,
      venueId: venue.venueId,
      priceTiers: prices,
      shows: [{ startsAt: '2027-06-13T10:00:00.000Z' }],
    };
    const key = `create-${t}`;

    const started = performance.now();
    const concert = await createConcert(deps, input, key);
    const elapsedMs = Math.round(performance.now() - started);
    console.info(`generated 10,000 seats against DynamoDB Local in ${elapsedMs} ms`);
    const showId = concert.shows[0]?.showId as string;
    expect((await readSeatPage(deps, concert.concertId, showId, {})).counts.total).toBe(10_000);

    // A buyer holds a seat; then the creation "fails half-way": 50 seats are missing and the concert is unfinished.
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.seat(showId, 'A-1-1'),
        UpdateExpression: 'SET #s = :held, version = version + :one, reservationId = :r, holdExpiresAt = :h',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':held': 'HELD', ':one': 1, ':r': 'res-1', ':h': '2099-01-01T00:00:00.000Z' },
      }),
    );
    const lost = Array.from({ length: 50 }, (_, i) => `D-50-${i + 1}`);
    await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: lost.slice(0, 25).map((id) => ({ DeleteRequest: { Key: keys.seat(showId, id) } })) } }));
    await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: lost.slice(25).map((id) => ({ DeleteRequest: { Key: keys.seat(showId, id) } })) } }));
    await deps.store.update('CONCERT', concert.concertId, { status: 'GENERATING' });

    const retried = await createConcert(deps, input, key);
    expect(retried.concertId).toBe(concert.concertId);
    expect(retried.shows).toEqual(concert.shows);
    expect(retried.status).toBe('READY');
    // The seats changed behind the availability's back (no events): drop it, as if Redis lost it, to rebuild.
    await redis().del(`avail:{${showId}}:doc`);
    const first = await readSeatPage(deps, concert.concertId, showId, {});
    const second = await readSeatPage(deps, concert.concertId, showId, { cursor: first.nextCursor! });
    expect(first.counts).toMatchObject({ total: 10_000, HELD: 1, AVAILABLE: 9_999 });
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.seats, ...second.seats].map((s) => s.seatId)).size).toBe(10_000);
    const held = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(showId, 'A-1-1') }));
    expect(held.Item).toMatchObject({ status: 'HELD', version: 1, reservationId: 'res-1' });

    const replay = await createConcert(deps, input, key);
    expect(replay).toEqual(retried);
    const reordered = Object.fromEntries(Object.entries(input).reverse()) as typeof input;
    expect(await createConcert(deps, reordered, key), 'the same body with its keys in another order').toEqual(retried);
    const conflict = await createConcert(deps, { ...input, title: 'another body' }, key).catch((e: unknown) => e);
    expect(isDomainError(conflict) && conflict.code).toBe('IDEMPOTENCY_CONFLICT');
  }, 120_000);
});
