import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { sqsWebhookQueue } from '#adapters/sqs/webhook-outbox';
import { sandboxGateway } from '#adapters/payments/sandbox-gateway';
import { sqs } from '#platform/clients/sqs';
import { dynamo, tableName } from '#platform/clients';
import { realPaymentSandboxPorts, wirePaymentSandbox } from '#composition/payments';
import { realWebhookReceiverPorts, wireWebhookReceiver } from '#composition/webhook-receiver';
import { paymentRoutes } from '../../../functions/http/payments';
import { admin, call, privateWebhookQueue, putReservation, receiveAll, recordingListener, sleep, user, type Who } from './harness';

const APPROVE = '4242424242424242';
const DECLINE = '4000000000000002';
const TIMEOUT = '4000000000009995';
const LATE = '4000000000000259';
const LATE_DELAY_SECONDS = 2;

let queueUrl: string;
let routes: ReturnType<typeof paymentRoutes>;
let sandbox: ReturnType<typeof wirePaymentSandbox>;

beforeAll(async () => {
  ({ url: queueUrl } = await privateWebhookQueue());
  sandbox = wirePaymentSandbox({ ...realPaymentSandboxPorts(), outbox: sqsWebhookQueue(sqs, () => queueUrl), lateWebhookDelaySeconds: () => LATE_DELAY_SECONDS });
  const receiver = wireWebhookReceiver({ ...realWebhookReceiverPorts(), listener: recordingListener() });
  routes = paymentRoutes(() => sandbox, () => receiver);
});

async function newIntent(who: Who, captureMethod?: 'manual' | 'automatic') {
  const reservationId = await putReservation(who.userId, { amount: 330000 });
  const r = await call(routes.createIntent, { who, body: { reservationId, captureMethod } });
  expect(r.status).toBe(201);
  return r.body;
}

const act = (route: 'authorizeIntent' | 'captureIntent' | 'cancelIntent' | 'refundIntent', who: Who, intentId: string, body?: unknown) =>
  call(routes[route], { who, params: { intentId }, body });

/** Every webhook event that reached the queue, by intent (this file's queue is private). */
const queued = new Map<string, { type: string; eventId: string; data: Record<string, unknown> }[]>();
async function drainQueue(intentId: string) {
  for (;;) {
    const messages = await receiveAll(queueUrl, 0);
    if (!messages.length) break;
    for (const m of messages) {
      const e = JSON.parse(m.Body!);
      queued.set(e.data.intentId, [...(queued.get(e.data.intentId) ?? []), e]);
    }
  }
  return (queued.get(intentId) ?? []).map((e) => e.type).sort();
}

describe('payment intents over the REST routes (DynamoDB Local + SQS)', () => {
  it('creates a PENDING intent that copies the amount of the caller’s own reservation', async () => {
    const buyer = user();
    const reservationId = await putReservation(buyer.userId, { amount: 165000 });
    const r = await call(routes.createIntent, { who: buyer, body: { reservationId } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ reservationId, userId: buyer.userId, amount: 165000, currency: 'KRW', status: 'PENDING', captureMethod: 'manual' });
    expect(r.body).not.toHaveProperty('events');
    expect(r.body).not.toHaveProperty('webhookStatus');
    const got = await call(routes.getIntent, { who: buyer, params: { intentId: r.body.intentId } });
    expect(got.body).toEqual(r.body);
  });

  it('answers 404 for someone else’s or an unknown reservation, and 409 for one that can no longer be paid', async () => {
    const owner = user();
    const reservationId = await putReservation(owner.userId);
    expect((await call(routes.createIntent, { who: user(), body: { reservationId } })).status).toBe(404);
    expect((await call(routes.createIntent, { who: owner, body: { reservationId: 'nope' } })).body.error.code).toBe('NOT_FOUND');
    const expired = await putReservation(owner.userId, { status: 'EXPIRED' });
    const r = await call(routes.createIntent, { who: owner, body: { reservationId: expired } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('names the bad fields in a 400 and never answers 500 to bad input', async () => {
    const buyer = user();
    const missing = await call(routes.createIntent, { who: buyer, body: { captureMethod: 'sometimes' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['captureMethod', 'reservationId']);
    expect((await call(routes.createIntent, { who: buyer, rawBody: '{"reservationId":' })).status).toBe(400);
    const intent = await newIntent(buyer);
    const luhn = await act('authorizeIntent', buyer, intent.intentId, { card: { number: '4242424242424241' } });
    expect(luhn.status).toBe(400);
    expect(luhn.body.error.details.issues).toEqual([expect.objectContaining({ in: 'body', path: 'card.number' })]);
    expect((await act('authorizeIntent', buyer, intent.intentId, { card: {} })).body.error.details.issues[0].path).toBe('card.number');
    expect((await act('authorizeIntent', buyer, intent.intentId, {})).status).toBe(400);
    expect((await call(routes.getIntent, { who: buyer, params: { intentId: intent.intentId } })).body.status).toBe('PENDING');
  });

  it('walks PENDING → AUTHORIZED → CAPTURED → REFUNDED with the approve card and emits one webhook per change', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    const authorized = await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } });
    expect(authorized.status).toBe(200);
    expect(authorized.body).toMatchObject({ status: 'AUTHORIZED', card: { last4: '4242' } });
    expect((await act('captureIntent', buyer, intent.intentId)).body.status).toBe('CAPTURED');
    expect((await act('refundIntent', buyer, intent.intentId)).body.status).toBe('REFUNDED');
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.authorized', 'payment_intent.captured', 'payment_intent.refunded']);
    const captured = queued.get(intent.intentId)!.find((e) => e.type === 'payment_intent.captured')!;
    expect(captured.data).toEqual({ intentId: intent.intentId, reservationId: intent.reservationId, status: 'CAPTURED', amount: 330000, currency: 'KRW' });
  });

  it('refuses illegal lifecycle moves with 409 INVALID_TRANSITION and changes nothing', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    const early = await act('captureIntent', buyer, intent.intentId);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'PENDING', to: 'CAPTURED' } });
    expect((await act('refundIntent', buyer, intent.intentId)).status).toBe(409);
    expect((await act('cancelIntent', buyer, intent.intentId)).body.status).toBe('CANCELLED');
    expect((await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } })).status).toBe(409);
    expect((await act('cancelIntent', buyer, intent.intentId)).status).toBe(409);
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.cancelled']);
  });

  it('lets exactly one of five racing captures win, emitting one captured event', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } });
    const results = await Promise.all(Array.from({ length: 5 }, () => act('captureIntent', buyer, intent.intentId)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.details.from === 'CAPTURED')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.authorized', 'payment_intent.captured']);
  });

  it('fails the intent on the decline card and emits payment_intent.failed', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    const r = await act('authorizeIntent', buyer, intent.intentId, { card: { number: DECLINE } });
    expect(r.body).toMatchObject({ status: 'FAILED', failureReason: 'card_declined', card: { last4: '0002' } });
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.failed']);
  });

  it('leaves the intent PENDING without any webhook on the timeout card, and lets it be authorized again', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    expect((await act('authorizeIntent', buyer, intent.intentId, { card: { number: TIMEOUT } })).body.status).toBe('PENDING');
    await sleep(500);
    expect(await drainQueue(intent.intentId)).toEqual([]);
    expect((await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } })).body.status).toBe('AUTHORIZED');
  });

  it('holds back the late card’s webhook on the queue for the configured delay', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    const sentAt = Date.now();
    expect((await act('authorizeIntent', buyer, intent.intentId, { card: { number: LATE } })).body.status).toBe('AUTHORIZED');
    expect(await drainQueue(intent.intentId)).toEqual([]);
    for (let waited = 0; !(await drainQueue(intent.intentId)).length && waited < 10_000; waited += 250) await sleep(250);
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.authorized']);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(LATE_DELAY_SECONDS * 1000 - 100);
  });

  it('never stores the full card number', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } });
    const item = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.paymentIntent(intent.intentId) }));
    expect(item.Item?.card).toEqual({ last4: '4242' });
    expect(JSON.stringify(item.Item)).not.toContain(APPROVE);
  });

  it('hides an intent from everyone but its owner (ADMIN may read it), and 404s unknown intents', async () => {
    const owner = user();
    const intent = await newIntent(owner);
    const stranger = user();
    expect((await call(routes.getIntent, { who: stranger, params: { intentId: intent.intentId } })).status).toBe(404);
    expect((await act('authorizeIntent', stranger, intent.intentId, { card: { number: APPROVE } })).status).toBe(404);
    expect((await act('cancelIntent', stranger, intent.intentId)).status).toBe(404);
    expect((await call(routes.getIntent, { who: admin(), params: { intentId: intent.intentId } })).body.intentId).toBe(intent.intentId);
    expect((await call(routes.getIntent, { who: owner, params: { intentId: 'unknown' } })).status).toBe(404);
    expect((await call(routes.getIntent, { params: { intentId: intent.intentId } })).status).toBe(401);
  });

  it('lets only an ADMIN simulate, validates the request and re-sends recorded events', async () => {
    const buyer = user();
    const intent = await newIntent(buyer);
    await act('authorizeIntent', buyer, intent.intentId, { card: { number: APPROVE } });
    await drainQueue(intent.intentId);
    expect((await call(routes.simulateWebhooks, { who: buyer, body: { intentId: intent.intentId } })).status).toBe(403);
    const bad = await call(routes.simulateWebhooks, { who: admin(), body: { intentId: intent.intentId, duplicate: 0, delaySeconds: 901, shuffle: 'yes' } });
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['delaySeconds', 'duplicate', 'shuffle']);
    expect((await call(routes.simulateWebhooks, { who: admin(), body: { intentId: 'unknown' } })).status).toBe(404);
    const r = await call(routes.simulateWebhooks, { who: admin(), body: { intentId: intent.intentId, duplicate: 3 } });
    expect(r.status).toBe(202);
    expect(r.body.enqueued).toBe(3);
    expect(await drainQueue(intent.intentId)).toEqual(Array(4).fill('payment_intent.authorized'));
  });
});

describe('sandboxGateway, the port the reservation side calls', () => {
  it('captures automatically on approval and emits authorized then captured', async () => {
    const gateway = sandboxGateway(() => sandbox);
    const intent = await gateway.createIntent({ reservationId: 'res-gw', userId: 'u-gw', amount: 99000, currency: 'KRW' });
    expect(intent).toMatchObject({ status: 'PENDING', captureMethod: 'automatic' });
    expect(await gateway.authorize(intent.intentId, { number: APPROVE })).toMatchObject({ status: 'CAPTURED' });
    expect(await drainQueue(intent.intentId)).toEqual(['payment_intent.authorized', 'payment_intent.captured']);
    expect((await gateway.refund(intent.intentId)).status).toBe('REFUNDED');
    await expect(gateway.capture(intent.intentId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await gateway.get('unknown')).toBeUndefined();
  });
});
