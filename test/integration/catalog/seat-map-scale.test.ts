import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#adapters/dynamo/keys';
import { availabilityOf, decodeAvailability, SeatSlots, setCode, STATUS_CODE, type ShowLayout } from '#domain/catalog/availability';
import { effectiveStatus } from '#domain/catalog/seat-map';
import { MAX_SEATS_PER_SHOW } from '#domain/catalog/seat-layout';
import { seatPage } from '#domain/catalog/seat-page';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { dynamo, redis, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import { catalogDeps } from '#composition/catalog';
import { createConcert } from '#services/catalog/create-concert';
import { createArtist, createAgency, createVenue } from '#services/catalog/manage-entities';
import { currentAvailability, publishChanges, recordSeatChange } from '#services/catalog/seat-availability';
import { showLayout } from '#services/catalog/show-layout';
import * as publicApi from '../../../functions/http/catalog';
import { apiEvent } from '../../helpers/api-event';
import { tag } from './fixtures';

const KB = 1024;
const LAMBDA_RESPONSE_GOAL = 1024 * KB;

/** 60,000 seats as a stadium is built: four stands of 100 rows × 150 seats. */
const stadium = { sections: ['N', 'E', 'S', 'W'].map((name, i) => ({ name, grade: ['VIP', 'R', 'S', 'A'][i] as string, rows: 100, seatsPerRow: 150 })) };
const prices = ['VIP', 'R', 'S', 'A'].map((grade, i) => ({ grade, price: 220000 - i * 40000, currency: 'KRW' as const }));

/** The whole Lambda proxy result, as API Gateway receives it: what the 6 MB limit applies to. */
async function call(handler: keyof typeof publicApi, concertId: string, showId: string, query?: Record<string, string>) {
  const resource = `/v1/concerts/{concertId}/shows/{showId}/${{ getSeatMap: 'seats', getLayout: 'layout', getAvailability: 'availability' }[handler as string]}`;
  const event = apiEvent({ resource, pathParameters: { concertId, showId }, query });
  const result = (await (publicApi[handler] as (e: unknown, c: Context) => Promise<APIGatewayProxyResult>)(event, { getRemainingTimeInMillis: () => 30_000 } as Context)) as APIGatewayProxyResult;
  return { status: result.statusCode, body: JSON.parse(result.body), bodyBytes: Buffer.byteLength(result.body), proxyBytes: Buffer.byteLength(JSON.stringify(result)) };
}

const flip = (showId: string, seatId: string, status: 'HELD' | 'SOLD', holdExpiresAt?: string) =>
  dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.seat(showId, seatId),
      UpdateExpression: `SET #s = :s, reservationId = :r${holdExpiresAt ? ', holdExpiresAt = :h' : ''} ADD version :one`,
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status, ':r': ulids.next(), ':one': 1, ...(holdExpiresAt ? { ':h': holdExpiresAt } : {}) },
    }),
  );

describe('seat map at the largest venue', () => {
  it('keeps a 60,000-seat show within 20 KB of availability that decodes to the seat list and the table, and every response far under 1 MB', async () => {
    const deps = catalogDeps();
    const t = tag();
    const [artist, agency, venue] = await Promise.all([
      createArtist(deps, { name: `SEVENTEEN ${t}`, genre: 'K-POP' }),
      createAgency(deps, { name: `PLEDIS ${t}` }),
      createVenue(deps, { name: `Seoul World Cup Stadium ${t}`, city: 'Seoul', layout: stadium }),
    ]);
    expect(venue.capacity).toBe(MAX_SEATS_PER_SHOW);
    const concert = await createConcert(deps, {
      title: `FOLLOW ${t}`, artistId: artist.artistId, agencyId: agency.agencyId, venueId: venue.venueId, priceTiers: prices, shows: [{ startsAt: '2027-08-01T10:00:00.000Z' }],
    }, `scale-${t}`);
    const showId = concert.shows[0]?.showId as string;
    const concertId = concert.concertId;

    // Seats change in the table: holds (one lapsed), sales. Availability is then rebuilt from the table once …
    const soon = new Date(Date.now() + 600_000).toISOString();
    const past = new Date(Date.now() - 1_000).toISOString();
    const changes = Array.from({ length: 120 }, (_, i) => ({ seatId: `${'NESW'[i % 4]}-${1 + ((i * 7) % 100)}-${1 + ((i * 31) % 150)}`, i }));
    for (const { seatId, i } of changes) await flip(showId, seatId, i % 3 === 0 ? 'SOLD' : 'HELD', i % 3 === 0 ? undefined : i % 3 === 1 ? soon : past);
    await redis().del(`avail:{${showId}}:doc`);
    const shown = await showLayout(deps, concertId, showId);
    const rebuildStarted = performance.now();
    await currentAvailability(deps, shown);
    console.info(`availability of 60,000 seats rebuilt from DynamoDB Local in ${Math.round(performance.now() - rebuildStarted)} ms`);

    // … and fed by events afterwards: a sale of 40 more seats.
    const sold = Array.from({ length: 40 }, (_, i) => `W-100-${i + 1}`);
    for (const seatId of sold) await flip(showId, seatId, 'SOLD');
    await recordSeatChange(deps, shown, seatChangeOf('ReservationConfirmed', { reservationId: ulids.next(), concertId, showId, seatIds: sold })!, 1000);
    await publishChanges(deps, shown);

    const availability = await call('getAvailability', concertId, showId);
    const layout = await call('getLayout', concertId, showId);
    const gzipped = gzipSync(JSON.stringify(availability.body)).length;
    console.info(`availability of 60,000 seats: ${availability.bodyBytes} bytes raw, ${gzipped} gzipped; layout ${layout.bodyBytes} bytes`);
    expect(availability.bodyBytes).toBeLessThanOrEqual(20 * KB);

    const pages: Array<Awaited<ReturnType<typeof call>>> = [];
    for (let cursor: string | undefined; ; ) {
      const page = await call('getSeatMap', concertId, showId, cursor ? { cursor } : undefined);
      expect(page.status).toBe(200);
      pages.push(page);
      cursor = page.body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(pages).toHaveLength(12);
    const listed = new Map<string, string>(pages.flatMap((p) => p.body.seats.map((s: { seatId: string; status: string }) => [s.seatId, s.status] as const)));
    expect(listed.size).toBe(60_000);
    const decoded = decodeAvailability(layout.body, availability.body);
    expect(decoded).toEqual(listed);

    const now = new Date();
    const truth = new Map((await deps.seats.seatsOfShow(showId)).map((s) => [s.seatId, effectiveStatus(s, now)]));
    expect(decoded).toEqual(truth);
    expect([...truth.values()].filter((s) => s === 'SOLD')).toHaveLength(40 + 40);
    expect([...truth.values()].filter((s) => s === 'HELD')).toHaveLength(40);

    const largest = Math.max(...pages.map((p) => p.proxyBytes), availability.proxyBytes, layout.proxyBytes);
    console.info(`largest seat-map response of the 60,000-seat show: ${largest} bytes as a Lambda proxy result (seat page of 5,000)`);
    expect(largest).toBeLessThan(LAMBDA_RESPONSE_GOAL);
  }, 300_000);

  it('bounds the worst layout the venue rules allow: the longest seat ids, highest prices and most sections', () => {
    // 8-letter section names, three-digit rows and numbers, the maximum price: the widest seat object there is.
    const widest: ShowLayout = {
      showId: ulids.next(),
      concertId: ulids.next(),
      version: 'v',
      sections: [{ name: 'ABCDEFGH', grade: 'ABCDEFGHIJ', price: 100_000_000, currency: 'KRW', rows: 200, seatsPerRow: 200 }, { name: 'HGFEDCBA', grade: 'ABCDEFGHIJ', price: 100_000_000, currency: 'KRW', rows: 100, seatsPerRow: 200 }],
    };
    const slots = new SeatSlots(widest);
    const doc = Buffer.alloc(slots.totalBytes);
    const page = seatPage(widest, slots, Date.now(), doc, { s: 0, k: 35_000 });
    const pageBytes = Buffer.byteLength(JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(page) }));

    // The most sections a venue may have (100) splitting 60,000 seats: per-section overhead is what grows.
    const split: ShowLayout = { ...widest, sections: Array.from({ length: 100 }, (_, i) => ({ name: `S${String(i).padStart(7, '0')}`, grade: 'R', price: 1, currency: 'KRW', rows: 20, seatsPerRow: 30 })) };
    const splitSlots = new SeatSlots(split);
    const splitDoc = Buffer.alloc(splitSlots.totalBytes);
    for (let k = 0; k < splitSlots.totalBytes * 4; k += 3) setCode(splitDoc, k, STATUS_CODE.SOLD);
    const worstAvailability = Buffer.byteLength(JSON.stringify(availabilityOf(split, splitSlots, Date.now(), splitDoc)));
    console.info(`worst-case seat page: ${pageBytes} bytes; availability of 60,000 seats in 100 sections: ${worstAvailability} bytes raw`);
    expect(page.seats).toHaveLength(5_000);
    expect(pageBytes).toBeLessThan(LAMBDA_RESPONSE_GOAL);
    expect(worstAvailability).toBeLessThan(27 * KB);
  });
});
