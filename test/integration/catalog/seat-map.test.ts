import { describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#platform/clients';
import { keys } from '#adapters/dynamo/keys';
import { invalidateSeatMap, SEAT_MAP_TTL_MS } from '#adapters/redis/catalog-seat-map-cache';
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

const seatMap = (concertId: string, showId: string) =>
  invoke(publicApi.getSeatMap, { method: 'GET', resource: '/v1/concerts/{concertId}/shows/{showId}/seats', pathParameters: { concertId, showId } });

describe('seat map', () => {
  it('counts seats per status and per grade, and shows a lapsed hold as AVAILABLE', async () => {
    const t = tag();
    const world = await createWorld({ artist: `TWICE ${t}`, agency: `JYP ${t}`, venue: `Olympic Hall ${t}` });
    const concert = await createConcert(world, `READY TO BE ${t}`);
    const showId = concert.shows[0].showId;
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    await flip(showId, 'A-1-1', 'HELD', future);
    await flip(showId, 'A-1-2', 'HELD', past);
    await flip(showId, 'B-2-3', 'SOLD');
    await invalidateSeatMap(showId);

    const res = await seatMap(concert.concertId, showId);
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({
      total: smallLayoutCapacity,
      AVAILABLE: smallLayoutCapacity - 2,
      HELD: 1,
      SOLD: 1,
      byGrade: {
        VIP: { total: 10, AVAILABLE: 9, HELD: 1, SOLD: 0 },
        R: { total: 12, AVAILABLE: 11, HELD: 0, SOLD: 1 },
      },
    });
    const status = Object.fromEntries(res.body.seats.map((s: { seatId: string; status: string }) => [s.seatId, s.status]));
    expect(status).toMatchObject({ 'A-1-1': 'HELD', 'A-1-2': 'AVAILABLE', 'B-2-3': 'SOLD', 'B-3-4': 'AVAILABLE' });
    expect(res.body.seats[0]).toEqual({ seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 198000, status: 'HELD' });
    expect(res.body.seats.map((s: { seatId: string }) => s.seatId).slice(0, 6)).toEqual(['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4', 'A-1-5', 'A-2-1']);
  });

  it('serves repeated reads from the cache and reflects an uninvalidated hold once the short TTL passes', async () => {
    const t = tag();
    const world = await createWorld({ artist: `ITZY ${t}`, agency: `JYP ${t}`, venue: `Yes24 Live Hall ${t}` });
    const concert = await createConcert(world, `BORN TO BE ${t}`);
    const showId = concert.shows[0].showId;
    const first = await seatMap(concert.concertId, showId);
    await flip(showId, 'B-1-1', 'SOLD');
    const second = await seatMap(concert.concertId, showId);
    // Same build (same generatedAt): the second read did not query DynamoDB.
    expect(second.body.generatedAt).toBe(first.body.generatedAt);
    expect(second.body.counts.SOLD).toBe(0);

    await new Promise((r) => setTimeout(r, SEAT_MAP_TTL_MS + 100));
    const later = await seatMap(concert.concertId, showId);
    expect(later.body.counts.SOLD).toBe(1);

    await flip(showId, 'B-1-2', 'SOLD');
    await invalidateSeatMap(showId);
    expect((await seatMap(concert.concertId, showId)).body.counts.SOLD).toBe(2);
  });

  it('answers 404 for an unknown show or a show of another concert', async () => {
    const t = tag();
    const world = await createWorld({ artist: `ENHYPEN ${t}`, agency: `Belift ${t}`, venue: `KSPO ${t}` });
    const a = await createConcert(world, `FATE ${t}`);
    const b = await createConcert(world, `WALK THE LINE ${t}`);
    expect((await seatMap(a.concertId, 'no-such-show')).status).toBe(404);
    const crossed = await seatMap(b.concertId, a.shows[0].showId);
    expect(crossed.status).toBe(404);
    expect(crossed.body.error.code).toBe('NOT_FOUND');
  });
});
