import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { UpdateCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { availabilityOf, decodeAvailability, SeatSlots, setCode, STATUS_CODE, type ShowLayout } from '#domain/catalog/availability';
import { venueInput } from '#domain/catalog/schemas';
import { effectiveStatus } from '#domain/catalog/seat-map';
import { MAX_SEATS_PER_SHOW } from '#domain/catalog/seat-layout';
import { SEAT_PAGE_SIZE, seatPage } from '#domain/catalog/seat-page';
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

  it('measures the worst layouts the venue rules allow: the longest seat ids, highest prices, most sections', () => {
    const pricedAs = (sections: Array<{ name: string; rows: number; seatsPerRow: number }>): ShowLayout => ({
      showId: ulids.next(),
      concertId: ulids.next(),
      version: 'v',
      sections: sections.map((s) => ({ ...s, grade: 'ABCDEFGHIJ', price: 100_000_000, currency: 'KRW' })),
    });
    const allowed = (sections: Array<{ name: string; rows: number; seatsPerRow: number }>) =>
      venueInput.safeParse({ name: 'Worst', city: 'Seoul', layout: { sections: sections.map((s) => ({ ...s, grade: 'ABCDEFGHIJ' })) } }).success;
    /** Statuses that give every section's three counts the most digits (10,000 available, 1,000 held, 1,000 sold …). */
    function worstDoc(layout: ShowLayout) {
      const slots = new SeatSlots(layout);
      const doc = Buffer.alloc(slots.totalBytes);
      for (const s of slots.sections) {
        const powers = Array.from({ length: String(s.seats).length }, (_, i) => 10 ** i).filter((p) => 2 * p <= s.seats);
        const digitsOf = (held: number, sold: number) => String(held).length + String(sold).length + String(s.seats - held - sold).length;
        const [held, sold] = powers.flatMap((h) => powers.map((d) => [h, d] as const)).reduce((a, b) => (digitsOf(...b) > digitsOf(...a) ? b : a), [0, 0] as const);
        for (let k = 0; k < held + sold; k++) setCode(doc, s.byteOffset * 4 + k, k < held ? STATUS_CODE.HELD : STATUS_CODE.SOLD);
      }
      return Buffer.byteLength(JSON.stringify(availabilityOf(layout, slots, Date.now(), doc)));
    }
    const proxyBytes = (body: unknown) => Buffer.byteLength(JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) }));

    // 60,000 seats in four stands of 8-letter names: the 2-bit document stays within 20 KiB before compression.
    const stands = Array.from({ length: 4 }, (_, i) => ({ name: `STAND${String(i).padStart(3, '0')}`, rows: 75, seatsPerRow: 200 }));
    expect(allowed(stands)).toBe(true);
    const stadiumAvailability = worstDoc(pricedAs(stands));
    // The most sections a venue may have (100) and the most seats (60,000): each section adds its name and counts
    // (≤ 74 B) to the same 20,000 characters of bits, so this one passes 20 KiB raw; it stays far from any limit.
    const split = Array.from({ length: 100 }, (_, i) => ({ name: `S${String(i).padStart(7, '0')}`, rows: 3, seatsPerRow: 200 }));
    expect(allowed(split)).toBe(true);
    const splitLayout = pricedAs(split);
    const splitAvailability = worstDoc(splitLayout);

    // The widest seat objects: 8-letter sections, three-digit rows and numbers, the highest price, all AVAILABLE.
    const wide = [{ name: 'ABCDEFGH', rows: 200, seatsPerRow: 200 }, { name: 'HGFEDCBA', rows: 100, seatsPerRow: 200 }];
    expect(allowed(wide)).toBe(true);
    const widest = pricedAs(wide);
    const widestSlots = new SeatSlots(widest);
    const page = seatPage(widest, widestSlots, Date.now(), Buffer.alloc(widestSlots.totalBytes), { s: 0, k: 35_000 });
    const largest = { page: proxyBytes(page), layout: proxyBytes(splitLayout), stadiumAvailability, splitAvailability };
    console.info(`worst layouts: 60,000 seats in 4 sections, availability ${stadiumAvailability} B; in 100 sections, ${splitAvailability} B; seat page ${largest.page} B; layout ${largest.layout} B`);
    expect(page.seats).toHaveLength(SEAT_PAGE_SIZE);
    expect(stadiumAvailability).toBeLessThanOrEqual(20 * KB);
    expect(splitAvailability).toBeLessThanOrEqual(28 * KB);
    expect(Math.max(...Object.values(largest))).toBeLessThan(LAMBDA_RESPONSE_GOAL);
  });
});
