import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureMetrics } from '../../helpers/emf-capture';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { ulid } from 'ulid';
import { keys } from '#adapters/dynamo/keys';
import { dynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import { webhookHttpTransport } from '#adapters/payments/webhook-http-transport';
import { sqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { sqs } from '#platform/clients/sqs';
import { DetailType } from '#domain/events';
import type { IntentStatus } from '#domain/payments/payment-intent';
import { signWebhook, verifyWebhook } from '#domain/payments/webhook-signature';
import { dynamo, tableName } from '#platform/clients';
import { realPaymentSandboxPorts, realWebhookDispatcherPorts, wirePaymentSandbox, wireWebhookDispatcher } from '#composition/payments';
import { realWebhookReceiverPorts, wireWebhookReceiver } from '#composition/webhook-receiver';
import { paymentRoutes } from '../../../functions/http/payments';
import { webhookDispatcherHandler } from '../../../functions/workers/webhook-dispatcher';
import {
  admin,
  call,
  forwardTo,
  privateWebhookQueue,
  putReservation,
  receiveAll,
  recordingListener,
  sleep,
  startQueuePump,
  startWebhookTarget,
  user,
  waitFor,
  type Delivery,
  type Who,
} from './harness';
import { useStreamEvents } from '../../helpers/stream-events';

/**
 * The whole pipeline with real parts: the sandbox writes to DynamoDB Local and sends to an SQS emulator queue; a pump
 * that behaves like Lambda's event source mapping feeds the dispatcher; the dispatcher signs and POSTs over HTTP to a
 * loopback server that hands each request to the receiver handler as an API Gateway event.
 */
const APPROVE = '4242424242424242';
const DECLINE = '4000000000000002';
const TIMEOUT = '4000000000009995';
const LATE = '4000000000000259';
const LATE_DELAY_SECONDS = 3;
const secret = process.env.WEBHOOK_SECRET!;

const listener = recordingListener();
/** What the table's change stream announces: `PaymentCaptured` follows from the intent's CAPTURED write. */
const stream = useStreamEvents();
const announced = async (intentId: string) => (await stream.all()).filter((e) => e.detail.intentId === intentId);
const intents = dynamoPaymentIntents(dynamo, tableName);
let queue: { url: string; dlqUrl: string };
let routes: ReturnType<typeof paymentRoutes>;
let target: Awaited<ReturnType<typeof startWebhookTarget>>;
let pump: { stop(): Promise<void> };
const metrics = captureMetrics();

beforeAll(async () => {
  queue = await privateWebhookQueue();
  const outbox = sqsWebhookQueue(sqs, () => queue.url);
  const sandbox = wirePaymentSandbox({ ...realPaymentSandboxPorts(), outbox, lateWebhookDelaySeconds: () => LATE_DELAY_SECONDS });
  const receiver = wireWebhookReceiver({ ...realWebhookReceiverPorts(), listener });
  routes = paymentRoutes(() => sandbox, () => receiver);
  target = await startWebhookTarget(forwardTo(routes.receiveWebhook));
  const dispatcher = wireWebhookDispatcher({ ...realWebhookDispatcherPorts(), transport: webhookHttpTransport(() => target.url), retry: outbox, backoff: { baseSeconds: 1, capSeconds: 1 } });
  pump = startQueuePump(queue.url, webhookDispatcherHandler(() => dispatcher));
});

afterAll(async () => {
  await pump?.stop();
  await target?.close();
  metrics.stop();
});

const deliveriesOf = (intentId: string, all: Delivery[] = target.deliveries) => all.filter((d) => JSON.parse(d.body).data.intentId === intentId);
/** Deliveries the receiver acknowledged; a copy that raced another copy of its event is refused with 409 and retried. */
const acknowledged = (intentId: string) => deliveriesOf(intentId).filter((d) => d.status === 200);
const webhookStatus = async (intentId: string) => (await intents.get(intentId))!.webhookStatus;

async function newIntent(who: Who, captureMethod: 'manual' | 'automatic') {
  const reservationId = await putReservation(who.userId);
  return (await call(routes.createIntent, { who, body: { reservationId, captureMethod } })).body.intentId as string;
}
const act = (route: 'authorizeIntent' | 'captureIntent' | 'cancelIntent' | 'refundIntent', who: Who, intentId: string, body?: unknown) =>
  call(routes[route], { who, params: { intentId }, body });

describe('signed webhooks through SQS to the receiver', () => {
  it('delivers signed authorized and captured webhooks for an approved card, and tells the reservation side once', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'automatic');
    expect((await act('authorizeIntent', buyer, intentId, { card: { number: APPROVE } })).body.status).toBe('CAPTURED');
    await waitFor('the captured webhook', async () => (await webhookStatus(intentId)) === 'CAPTURED' && deliveriesOf(intentId).length === 2);
    for (const d of deliveriesOf(intentId)) {
      expect(d.status).toBe(200);
      expect(verifyWebhook(secret, d.body, d.signature, new Date())).toBe('ok');
    }
    const captured = listener.of(intentId).filter((c) => c.method === 'onCaptured');
    expect(captured).toHaveLength(1);
    expect(captured[0]!.event).toMatchObject({ intentId, userId: buyer.userId, status: 'CAPTURED', amount: 165000, currency: 'KRW' });
    const [announcedCapture, ...more] = await announced(intentId);
    expect(more).toEqual([]);
    expect(announcedCapture).toMatchObject({ detailType: DetailType.PaymentCaptured, detail: { intentId, userId: buyer.userId, status: 'CAPTURED', amount: 165000, currency: 'KRW', eventId: expect.any(String) } });
  });

  it('delivers payment_intent.failed for the decline card', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'automatic');
    expect((await act('authorizeIntent', buyer, intentId, { card: { number: DECLINE } })).body.status).toBe('FAILED');
    await waitFor('the failed webhook', async () => (await webhookStatus(intentId)) === 'FAILED');
    expect(listener.of(intentId).map((c) => c.method)).toEqual(['onFailed']);
    expect(metrics.total('PaymentsFailed')).toBeGreaterThanOrEqual(1);
  });

  it('sends nothing for the timeout card', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'automatic');
    expect((await act('authorizeIntent', buyer, intentId, { card: { number: TIMEOUT } })).body.status).toBe('PENDING');
    await sleep(2500);
    expect(deliveriesOf(intentId)).toEqual([]);
    expect(await webhookStatus(intentId)).toBe('PENDING');
  });

  it('delivers the late card’s webhooks only after the delay', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'automatic');
    const authorizedAt = Date.now();
    expect((await act('authorizeIntent', buyer, intentId, { card: { number: LATE } })).body.status).toBe('CAPTURED');
    await waitFor('the late webhooks', () => deliveriesOf(intentId).length === 2);
    for (const d of deliveriesOf(intentId)) expect(d.at - authorizedAt).toBeGreaterThanOrEqual(LATE_DELAY_SECONDS * 1000 - 100);
    expect(await webhookStatus(intentId)).toBe('CAPTURED');
  });

  it('applies a webhook delivered five times exactly once', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'automatic');
    // The originals are held back, so the five simulated copies of each event arrive first, in parallel.
    await act('authorizeIntent', buyer, intentId, { card: { number: LATE } });
    expect((await call(routes.simulateWebhooks, { who: admin(), body: { intentId, duplicate: 5 } })).body.enqueued).toBe(10);
    await waitFor('every copy and the originals', () => acknowledged(intentId).length === 12);
    expect(deliveriesOf(intentId).filter((d) => d.status !== 200).every((d) => d.status === 409 && d.response.error.code === 'CONFLICT')).toBe(true);
    const deliveries = acknowledged(intentId);
    const capturedId = deliveries.map((d) => JSON.parse(d.body)).find((e) => e.type === 'payment_intent.captured').eventId;
    const ofCaptured = deliveries.filter((d) => JSON.parse(d.body).eventId === capturedId);
    expect(ofCaptured).toHaveLength(6);
    expect(ofCaptured.filter((d) => d.response.applied === true)).toHaveLength(1);
    expect(ofCaptured.filter((d) => d.response.duplicate === true).length).toBeGreaterThanOrEqual(4);
    expect(listener.of(intentId).filter((c) => c.method === 'onCaptured')).toHaveLength(1);
    expect(await announced(intentId)).toHaveLength(1);
    expect(await webhookStatus(intentId)).toBe('CAPTURED');
  });

  it('ends consistent and never moves backwards when events arrive shuffled with older ones', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'manual');
    // authorized is held back; captured and refunded go at once; then everything again, shuffled and tripled.
    await act('authorizeIntent', buyer, intentId, { card: { number: LATE } });
    await act('captureIntent', buyer, intentId);
    await act('refundIntent', buyer, intentId);
    await call(routes.simulateWebhooks, { who: admin(), body: { intentId, duplicate: 3, shuffle: true } });
    const rank: Record<IntentStatus, number> = { PENDING: 0, AUTHORIZED: 1, FAILED: 2, CANCELLED: 2, CAPTURED: 2, REFUNDED: 3 };
    const seen: IntentStatus[] = [];
    await waitFor('all twelve deliveries', async () => {
      seen.push(await webhookStatus(intentId));
      return acknowledged(intentId).length === 12;
    }, 20_000, 25);
    seen.push(await webhookStatus(intentId));
    for (let i = 1; i < seen.length; i++) expect(rank[seen[i]!]).toBeGreaterThanOrEqual(rank[seen[i - 1]!]);
    expect(seen.at(-1)).toBe('REFUNDED');
    const applied = acknowledged(intentId).filter((d) => d.response.applied === true).map((d) => d.response.status);
    expect(new Set(applied).size).toBe(applied.length);
    expect(applied).toContain('REFUNDED');
    expect(listener.of(intentId).filter((c) => c.method === 'onRefunded')).toHaveLength(1);
    expect(listener.of(intentId).filter((c) => c.method === 'onCaptured').length).toBeLessThanOrEqual(1);
  });
});

describe('the receiver refuses unsigned, forged and stale webhooks', () => {
  async function capturedEvent() {
    const buyer = user();
    const intentId = await newIntent(buyer, 'manual');
    await act('authorizeIntent', buyer, intentId, { card: { number: TIMEOUT } });
    const body = JSON.stringify({
      eventId: ulid(),
      type: 'payment_intent.captured',
      createdAt: new Date().toISOString(),
      data: { intentId, reservationId: 'r', status: 'CAPTURED', amount: 165000, currency: 'KRW' },
    });
    return { intentId, body };
  }
  const post = (body: string, signature?: string) => call(routes.receiveWebhook, { rawBody: body, headers: signature ? { 'TicketRush-Signature': signature } : {} });

  it('answers 400 to a bad, stale, tampered or missing signature and changes nothing', async () => {
    const { intentId, body } = await capturedEvent();
    const before = { rejected: metrics.total('WebhooksRejected'), captured: metrics.total('PaymentsCaptured'), duplicate: metrics.total('WebhooksDuplicate') };
    const eventId = JSON.parse(body).eventId;
    const sixMinutesAgo = new Date(Date.now() - 6 * 60_000);
    const attempts = [
      post(body, signWebhook('whsec_not_the_real_secret', body, new Date())),
      post(body, signWebhook(secret, body, sixMinutesAgo)),
      post(body.replace('165000', '1'), signWebhook(secret, body, new Date())),
      post(body, 't=abc,v1=00'),
      post(body),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(400);
      expect(r.body.error.details.issues[0]).toMatchObject({ in: 'header', path: 'ticketrush-signature' });
    }
    expect(await webhookStatus(intentId)).toBe('PENDING');
    expect((await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.webhookEvent(eventId) }))).Item).toBeUndefined();
    expect(listener.of(intentId)).toEqual([]);
    // The genuine signature still works afterwards: nothing was recorded by the refusals.
    const ok = await post(body, signWebhook(secret, body, new Date()));
    expect(ok.body).toEqual({ received: true, applied: true, status: 'CAPTURED' });
    expect((await post(body, signWebhook(secret, body, new Date()))).body).toEqual({ received: true, duplicate: true });
    // The sale dashboard's webhook outcomes, as the receiver's invocations wrote them (other deliveries may add more).
    expect(metrics.total('WebhooksRejected') - before.rejected).toBeGreaterThanOrEqual(5);
    expect(metrics.total('PaymentsCaptured') - before.captured).toBeGreaterThanOrEqual(1);
    expect(metrics.total('WebhooksDuplicate') - before.duplicate).toBeGreaterThanOrEqual(1);
  });

  it('answers 400 naming the fields of a signed but malformed event, and 404 for an unknown intent', async () => {
    const garbled = JSON.stringify({ eventId: '', type: 'payment_intent.exploded', data: {} });
    const r = await post(garbled, signWebhook(secret, garbled, new Date()));
    expect(r.status).toBe(400);
    expect(r.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['eventId', 'type', 'createdAt', 'data.intentId']));
    const notJson = '{"eventId":';
    expect((await post(notJson, signWebhook(secret, notJson, new Date()))).status).toBe(400);
    const { body } = await capturedEvent();
    const unknown = body.replace(/"intentId":"[^"]+"/, '"intentId":"no-such-intent"');
    expect((await post(unknown, signWebhook(secret, unknown, new Date()))).status).toBe(404);
  });

  it('sends simulated mis-signed webhooks through the queue, which the receiver refuses once each without retries', async () => {
    const buyer = user();
    const intentId = await newIntent(buyer, 'manual');
    await act('authorizeIntent', buyer, intentId, { card: { number: APPROVE } });
    await waitFor('the genuine webhook', async () => (await webhookStatus(intentId)) === 'AUTHORIZED');
    await act('cancelIntent', buyer, intentId);
    await waitFor('the cancelled webhook', async () => (await webhookStatus(intentId)) === 'CANCELLED');
    const before = deliveriesOf(intentId).length;
    await call(routes.simulateWebhooks, { who: admin(), body: { intentId, duplicate: 2, badSignature: true } });
    await waitFor('four forged deliveries', () => deliveriesOf(intentId).length === before + 4);
    await sleep(2500);
    const forged = deliveriesOf(intentId).slice(before);
    expect(forged).toHaveLength(4);
    expect(forged.every((d) => d.status === 400)).toBe(true);
    expect(await webhookStatus(intentId)).toBe('CANCELLED');
  });
});

describe('the dispatcher under a failing receiver', () => {
  it('retries with backoff and delivers once the receiver recovers', async () => {
    const own = await privateWebhookQueue();
    const outbox = sqsWebhookQueue(sqs, () => own.url);
    let refusals = 0;
    const flaky = await startWebhookTarget(async (body, signature) => {
      if (refusals++ < 2) return { status: 503, body: '{"error":{"code":"DEPENDENCY_UNAVAILABLE"}}' };
      return forwardTo(routes.receiveWebhook)(body, signature);
    });
    const dispatcher = wireWebhookDispatcher({ ...realWebhookDispatcherPorts(), transport: webhookHttpTransport(() => flaky.url), retry: outbox, backoff: { baseSeconds: 1, capSeconds: 1 } });
    const ownPump = startQueuePump(own.url, webhookDispatcherHandler(() => dispatcher));
    try {
      const sandbox = wirePaymentSandbox({ ...realPaymentSandboxPorts(), outbox });
      const intent = await sandbox.createIntent({ reservationId: 'res-flaky', userId: 'u-flaky', amount: 1000, currency: 'KRW', captureMethod: 'manual' });
      await sandbox.authorize(intent.intentId, { number: APPROVE });
      await waitFor('delivery after two refusals', () => flaky.deliveries.some((d) => d.status === 200));
      expect(flaky.deliveries.map((d) => d.status)).toEqual([503, 503, 200]);
      expect(await webhookStatus(intent.intentId)).toBe('AUTHORIZED');
    } finally {
      await ownPump.stop();
      await flaky.close();
    }
  });

  it('gives up after maxReceiveCount attempts and leaves the event on the dead-letter queue', async () => {
    const own = await privateWebhookQueue();
    const outbox = sqsWebhookQueue(sqs, () => own.url);
    const down = await startWebhookTarget(async () => ({ status: 500, body: '' }));
    const dispatcher = wireWebhookDispatcher({ ...realWebhookDispatcherPorts(), transport: webhookHttpTransport(() => down.url), retry: outbox, backoff: { baseSeconds: 1, capSeconds: 1 } });
    const ownPump = startQueuePump(own.url, webhookDispatcherHandler(() => dispatcher));
    try {
      const event = {
        eventId: ulid(),
        type: 'payment_intent.captured' as const,
        createdAt: new Date().toISOString(),
        data: { intentId: ulid(), reservationId: 'r', status: 'CAPTURED' as const, amount: 1, currency: 'KRW' },
      };
      await outbox.send([event]);
      const dead = await waitFor('the dead-letter queue', async () => {
        const messages = await receiveAll(own.dlqUrl, 0);
        return messages.length ? messages : undefined;
      }, 40_000, 250);
      expect(JSON.parse(dead[0]!.Body!).eventId).toBe(event.eventId);
      // maxReceiveCount of the capability's WebhookQueue.
      expect(down.deliveries).toHaveLength(5);
      for (const d of down.deliveries) expect(verifyWebhook(secret, d.body, d.signature, new Date())).toBe('ok');
    } finally {
      await ownPump.stop();
      await down.close();
    }
  });
});
