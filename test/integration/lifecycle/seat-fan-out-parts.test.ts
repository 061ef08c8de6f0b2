import { DeleteMessageCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { connectionsPush } from '#adapters/realtime/connections-push';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { sqsSeatFanOut } from '#adapters/sqs/seat-fan-out-queue';
import { catalogDeps } from '#composition/catalog';
import { DetailType } from '#domain/events';
import { seatChangeOf } from '#domain/reservations/seat-changes';
import { redis } from '#platform/clients';
import { sqs } from '#platform/clients/sqs';
import { systemClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { readAvailability } from '#services/catalog/seat-map-reads';
import type { FanOutPart, FanOutParts } from '#services/live-updates/ports';
import { seatWatch } from '#services/live-updates/seat-watch';
import { handler as seatFanOut } from '../../../functions/workers/seat-fan-out';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';
import { seedShow } from '../reservations/fixtures';

const { posts } = useConnectionsStandIn();
const queueUrl = () => process.env.SEAT_FAN_OUT_QUEUE_URL as string;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The queue's messages for `showId` (the integration project shares the queue), taken off it. */
async function receiveParts(showId: string, count: number): Promise<Message[]> {
  const found: Message[] = [];
  for (const deadline = Date.now() + 10_000; found.length < count && Date.now() < deadline; ) {
    const { client } = await sqs();
    const out = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of out.Messages ?? []) {
      if ((JSON.parse(m.Body ?? '{}') as FanOutPart).showId !== showId) continue;
      found.push(m);
      await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl(), ReceiptHandle: m.ReceiptHandle }));
    }
  }
  return found;
}

const asRecord = (m: Message) => ({ messageId: m.MessageId, body: m.Body, attributes: {} }) as unknown as SQSRecord;

/** A show with five watchers whose fan-out goes in parts of two, and one held seat to announce. */
async function bigShow(parts: FanOutParts) {
  const { concertId, showId, seatIds } = await seedShow();
  const opened = await readAvailability(catalogDeps(), concertId, showId);
  const seats = seatWatch({ watchers: redisSeatWatchers(redis()), push: connectionsPush, catalog: catalogDeps(), clock: systemClock, intervalMs: 100, sleep, parts, partSize: 2 });
  const run = ulids.next();
  const watchers = Array.from({ length: 5 }, (_, i) => `fan-${i}-${run}`);
  for (const w of watchers) await seats.watch(showId, w);
  const change = seatChangeOf(DetailType.ReservationHeld, { reservationId: ulids.next(), concertId, showId, seatIds: [seatIds[0] as string], holdExpiresAt: new Date(Date.now() + 600_000).toISOString() });
  const sent = () => redis().get(`avail:{${showId}}:sent`).then(Number);
  const messagesTo = (w: string) => posts.filter((p) => p.connectionId === w).map((p) => p.body as { type: string; version: number });
  return { showId, seats, watchers, change: change!, version: Number(opened.version) + 1, sent, messagesTo };
}

describe('a big show fanned out in parts', () => {
  it('sends the first part itself, hands the others to the fan-out queue, and marks the version sent when the last part is done', async () => {
    const show = await bigShow(sqsSeatFanOut(sqs, queueUrl));
    expect(await show.seats.announce(show.change)).toEqual({ pushed: 2, messages: 1 });
    expect(show.watchers.map((w) => show.messagesTo(w).length)).toEqual([1, 1, 0, 0, 0]);
    expect(await show.sent()).toBeLessThan(show.version);

    const parts = await receiveParts(show.showId, 2);
    expect(parts.map((m) => (JSON.parse(m.Body ?? '') as FanOutPart).watchers.map((w) => w.connectionId))).toEqual([show.watchers.slice(2, 4), show.watchers.slice(4)]);
    const event: SQSEvent = { Records: parts.map(asRecord) };
    expect(await seatFanOut(event, {} as never)).toEqual({ batchItemFailures: [] });

    for (const w of show.watchers) expect(show.messagesTo(w).map((m) => [m.type, m.version]), w).toEqual([['SEATS', show.version]]);
    expect(await show.sent()).toBe(show.version);
    // The next fan-out is paced by every part's marks, in watch order.
    const marks = await redisSeatWatchers(redis()).lastFanOut(show.showId);
    expect(marks.length).toBe(5);
    expect(marks.map(([order]) => order)).toEqual([...marks.map(([order]) => order)].sort((a, b) => a - b));
  }, 30_000);

  it('sends every part itself when the queue cannot take them', async () => {
    const show = await bigShow({ dispatch: () => Promise.reject(Object.assign(new Error('queue unavailable'), { name: 'ServiceUnavailable' })) });
    expect(await show.seats.announce(show.change)).toEqual({ pushed: 5, messages: 1 });
    for (const w of show.watchers) expect(show.messagesTo(w).map((m) => m.version), w).toEqual([show.version]);
    expect(await show.sent()).toBe(show.version);
  }, 30_000);

  it('drops a queue message that is not a part, without a retry, and still sends the good part of its batch', async () => {
    const show = await bigShow(sqsSeatFanOut(sqs, queueUrl));
    await show.seats.announce(show.change);
    const [good, ...rest] = await receiveParts(show.showId, 2);
    const part = JSON.parse(good?.Body ?? '') as FanOutPart;
    const forged = { ...part, index: 7, message: { ...part.message, version: part.version + 5 } };
    const event: SQSEvent = {
      Records: [
        { messageId: 'not-json', body: '{"showId":', attributes: {} },
        { messageId: 'not-a-part', body: JSON.stringify({ showId: show.showId, watchers: 'everyone' }), attributes: {} },
        { messageId: 'other-version', body: JSON.stringify(forged), attributes: {} },
        asRecord(good as Message),
      ] as unknown as SQSRecord[],
    };
    expect(await seatFanOut(event, {} as never)).toEqual({ batchItemFailures: [] });
    // The publisher's own part and the good part reached their watchers; the forged part reached nobody.
    const reached = new Set([...show.watchers.slice(0, 2), ...part.watchers.map((w) => w.connectionId)]);
    expect(reached.size).toBeLessThan(show.watchers.length);
    for (const w of show.watchers) expect(show.messagesTo(w).map((m) => m.version), w).toEqual(reached.has(w) ? [show.version] : []);
    expect(rest.length).toBe(1);
  }, 30_000);
});
