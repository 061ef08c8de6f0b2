import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamoPaymentIntents } from '#adapters/dynamo/payment-intents';
import type { Principal } from '#domain/identity';
import { signWebhook } from '#domain/payments/webhook-signature';
import { dynamo, tableName } from '#platform/clients';
import { invoke } from '../../helpers/api-event';
import { seedShow } from '../reservations/fixtures';
import { admin, call, sleep, waitFor } from '../payments/harness';
import { buyer, CARDS, lifecycleHarness, LATE_DELAY_SECONDS, type Lifecycle } from './harness';
import { refusal } from '../../helpers/refusal';

let h: Lifecycle;
beforeAll(async () => {
  h = await lifecycleHarness();
});
afterAll(() => h?.stop());

const seat = async (showId: string, seatId: string) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(showId, seatId), ConsistentRead: true }))).Item!;
const statusOf = async (reservationId: string) => (await h.reservations.get(reservationId))!.status;
const intentOf = async (intentId: string) => (await h.sandbox.find(intentId))!;
const deliveriesOf = (intentId: string) => h.target.deliveries.filter((d) => JSON.parse(d.body).data.intentId === intentId);
const capturesOf = (intentId: string) => deliveriesOf(intentId).filter((d) => d.status === 200 && d.response.applied === true && JSON.parse(d.body).type === 'payment_intent.captured');

async function holdOne(options: { holdTtlSeconds?: number; paymentTtlSeconds?: number; refundCutoffHours?: number } = {}, who: Principal = buyer()) {
  const show = await seedShow({ policy: { holdTtlSeconds: 300, paymentTtlSeconds: 600, ...options } });
  const r = await h.hold({ principal: who, showId: show.showId, seatIds: [show.seatIds[0]!] });
  return { ...show, who, r, seatId: show.seatIds[0]! };
}

async function confirmed(options: { refundCutoffHours?: number } = {}) {
  const held = await holdOne(options);
  const { paymentIntent } = await h.pay({ principal: held.who, reservationId: held.r.reservationId, card: { number: CARDS.approve } });
  await waitFor('CONFIRMED by the webhook', async () => (await statusOf(held.r.reservationId)) === 'CONFIRMED');
  return { ...held, intentId: paymentIntent.intentId };
}


describe('pay → webhook → CONFIRMED', () => {
  it('confirms a reservation paid with 4242… only through the captured webhook', async () => {
    const { r, who, showId, seatId } = await holdOne();
    const { reservation, paymentIntent } = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.approve } });
    // The call answers with where things stand when it returns: the reservation is PAYING, the intent captured.
    expect(reservation).toMatchObject({ status: 'PAYING', paymentIntentId: paymentIntent.intentId });
    expect(Date.parse(reservation.paymentExpiresAt!) - Date.now()).toBeGreaterThan(590_000);
    expect(paymentIntent).toMatchObject({ status: 'CAPTURED', amount: 150000, currency: 'KRW', reservationId: r.reservationId });
    await waitFor('CONFIRMED', async () => (await statusOf(r.reservationId)) === 'CONFIRMED');
    // The listener confirms inside the receiver, before the delivery's response is recorded: wait for both webhooks.
    await waitFor('both webhooks acknowledged', () => deliveriesOf(paymentIntent.intentId).filter((d) => d.status === 200).length >= 2);
    expect(capturesOf(paymentIntent.intentId)).toHaveLength(1);
    expect(await seat(showId, seatId)).toMatchObject({ status: 'SOLD', reservationId: r.reservationId });
    // The intent's CAPTURED write is announced before the confirmation it leads to.
    expect((await h.events.of(r.reservationId)).map((e) => e.detailType)).toEqual(['ReservationHeld', 'ReservationPaying', 'PaymentCaptured', 'ReservationConfirmed']);
  });

  it('stays PAYING on a late webhook and confirms when it lands', async () => {
    const { r, who } = await holdOne();
    const { paymentIntent } = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.late } });
    expect(paymentIntent.status).toBe('CAPTURED');
    await sleep(1000);
    expect(await statusOf(r.reservationId)).toBe('PAYING');
    await waitFor('CONFIRMED', async () => (await statusOf(r.reservationId)) === 'CONFIRMED', LATE_DELAY_SECONDS * 1000 + 15_000);
  });

  it('leaves a declined intent FAILED and lets the buyer pay again with a new intent until the deadline', async () => {
    const { r, who } = await holdOne();
    const declined = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.decline } });
    expect(declined.paymentIntent).toMatchObject({ status: 'FAILED', failureReason: 'card_declined' });
    await waitFor('the failed webhook', async () => deliveriesOf(declined.paymentIntent.intentId).some((d) => d.status === 200));
    expect(await statusOf(r.reservationId)).toBe('PAYING');
    const retried = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.approve } });
    expect(retried.paymentIntent.intentId).not.toBe(declined.paymentIntent.intentId);
    expect(retried.reservation).toMatchObject({ status: 'PAYING', paymentIntentId: retried.paymentIntent.intentId, paymentExpiresAt: declined.reservation.paymentExpiresAt });
    await waitFor('CONFIRMED', async () => (await statusOf(r.reservationId)) === 'CONFIRMED');
    // Paying a confirmed reservation again is refused.
    expect(await refusal(h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.approve } }))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('lets the timeout card expire the reservation at the payment deadline, its seat free again', async () => {
    const { r, who, showId, seatId } = await holdOne({ paymentTtlSeconds: 2 });
    const { reservation, paymentIntent } = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.timeout } });
    expect(paymentIntent.status).toBe('PENDING');
    // Paying again re-authorizes the same PENDING intent rather than opening a second one.
    const again = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.timeout } });
    expect(again.paymentIntent.intentId).toBe(paymentIntent.intentId);
    expect((await h.expire(r.reservationId, 'PAYING')).status).toBe('PAYING');
    await sleep(Date.parse(reservation.paymentExpiresAt!) - Date.now());
    expect(await h.expire(r.reservationId, 'PAYING')).toEqual({ status: 'EXPIRED' });
    expect((await seat(showId, seatId)).status).toBe('AVAILABLE');
    expect(deliveriesOf(paymentIntent.intentId)).toEqual([]);
  });

  it('refuses bad input and other buyers without changing anything', async () => {
    const { r, who } = await holdOne();
    expect(await refusal(h.pay({ principal: who, reservationId: r.reservationId, card: { number: '4242424242424241' } }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await refusal(h.pay({ principal: buyer(), reservationId: r.reservationId, card: { number: CARDS.approve } }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await statusOf(r.reservationId)).toBe('HOLD');
  });
});

describe('webhooks delivered again, out of order, late or forged', () => {
  it('captures once and stays CONFIRMED when the webhook arrives five more times, shuffled with the older event', async () => {
    const { r, intentId } = await confirmed();
    await call(h.routes.simulateWebhooks, { who: admin(), body: { intentId, duplicate: 5, shuffle: true } });
    await waitFor('all copies acknowledged', () => deliveriesOf(intentId).filter((d) => d.status === 200).length >= 12);
    expect(capturesOf(intentId)).toHaveLength(1);
    expect((await intentOf(intentId)).status).toBe('CAPTURED');
    expect(await statusOf(r.reservationId)).toBe('CONFIRMED');
  });

  it('refunds automatically a capture whose webhook lands after the reservation expired', async () => {
    const { r, who, showId, seatId } = await holdOne({ paymentTtlSeconds: 1 });
    const { paymentIntent } = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.late } });
    await sleep(1100);
    expect((await h.expire(r.reservationId, 'PAYING')).status).toBe('EXPIRED');
    await waitFor('the late capture refunded', async () => (await intentOf(paymentIntent.intentId)).status === 'REFUNDED', LATE_DELAY_SECONDS * 1000 + 15_000);
    expect(await statusOf(r.reservationId)).toBe('EXPIRED');
    expect((await seat(showId, seatId)).status).toBe('AVAILABLE');
  });

  it('stays REFUNDED when the captured webhook is delivered again after a cancel', async () => {
    const { r, who, intentId, showId, seatId } = await confirmed();
    expect((await h.cancel(who, r.reservationId)).status).toBe('REFUNDED');
    expect((await seat(showId, seatId)).status).toBe('AVAILABLE');
    await call(h.routes.simulateWebhooks, { who: admin(), body: { intentId, duplicate: 2, shuffle: true, delaySeconds: 1 } });
    await waitFor('the replays', () => deliveriesOf(intentId).filter((d) => d.status === 200).length >= 3 + 6);
    expect(capturesOf(intentId)).toHaveLength(1);
    expect((await intentOf(intentId)).status).toBe('REFUNDED');
    expect(await h.reservations.get(r.reservationId)).toMatchObject({ status: 'REFUNDED', refundedAt: expect.any(String) });
  });

  it('answers 400 to a forged or stale signature and changes nothing', async () => {
    const { r, who } = await holdOne();
    const { paymentIntent } = await h.pay({ principal: who, reservationId: r.reservationId, card: { number: CARDS.late } });
    const body = JSON.stringify({ eventId: `evt-${r.reservationId}`, type: 'payment_intent.captured', createdAt: new Date().toISOString(), data: { intentId: paymentIntent.intentId, reservationId: r.reservationId, status: 'CAPTURED', amount: 150000, currency: 'KRW' } });
    const post = (signature: string) => invoke(h.routes.receiveWebhook, { method: 'POST', body, headers: { 'TicketRush-Signature': signature } });
    expect((await post(signWebhook('not-the-secret', body, new Date()))).status).toBe(400);
    expect((await post(signWebhook(process.env.WEBHOOK_SECRET!, body, new Date(Date.now() - 6 * 60_000)))).status).toBe(400);
    await call(h.routes.simulateWebhooks, { who: admin(), body: { intentId: paymentIntent.intentId, badSignature: true } });
    await waitFor('the forged deliveries', () => deliveriesOf(paymentIntent.intentId).filter((d) => d.status === 400).length === 2);
    expect(await statusOf(r.reservationId)).toBe('PAYING');
    // The genuine (late) webhooks have not landed yet; the forged ones moved nothing.
    expect((await dynamoPaymentIntents(dynamo, tableName).get(paymentIntent.intentId))!.webhookStatus).toBe('PENDING');
  });
});

describe('holds expire on time', () => {
  it('frees a 2 s hold at its deadline so another buyer can book the seat within 2 s', async () => {
    const { r, showId, seatId } = await holdOne({ holdTtlSeconds: 2 });
    const deadline = Date.parse(r.holdExpiresAt);
    await sleep(deadline - Date.now());
    // What the deadline execution's task does when its Wait ends.
    expect((await h.expire(r.reservationId, 'HOLD')).status).toBe('EXPIRED');
    const second = await h.hold({ principal: buyer(), showId, seatIds: [seatId] });
    expect(Date.now() - deadline).toBeLessThan(2000);
    expect(second.status).toBe('HOLD');
  });
});

describe('cancel and refund', () => {
  it('cancels a HOLD and frees its seat at once', async () => {
    const { r, who, showId, seatId } = await holdOne();
    expect(await h.cancel(who, r.reservationId)).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String) });
    expect((await seat(showId, seatId)).status).toBe('AVAILABLE');
    expect((await h.events.of(r.reservationId)).map((e) => e.detailType)).toEqual(['ReservationHeld', 'ReservationCancelled', 'SeatsReleased']);
    expect(await refusal(h.refund(who, r.reservationId))).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses a USER’s cancel of a paid reservation inside the cutoff; an ADMIN’s goes through and is audited', async () => {
    const { r, who, intentId, showId, seatId } = await confirmed({ refundCutoffHours: 24 * 365 * 20 });
    expect(await refusal(h.cancel(who, r.reservationId))).toMatchObject({ code: 'REFUND_WINDOW_CLOSED' });
    expect(await statusOf(r.reservationId)).toBe('CONFIRMED');
    const operator = buyer(`admin-${r.reservationId}`, 'ADMIN');
    expect((await h.cancel(operator, r.reservationId)).status).toBe('REFUNDED');
    expect((await intentOf(intentId)).status).toBe('REFUNDED');
    expect((await seat(showId, seatId)).status).toBe('AVAILABLE');
    const api = await import('../../../functions/http/lifecycle');
    const listed = await invoke(api.listRefundAudit, { principal: operator, query: { limit: '100' } });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ action: 'CANCEL', adminId: operator.userId, reservationId: r.reservationId, userId: who.userId, paymentIntentId: intentId, amount: 150000 }));
    expect((await invoke(api.listRefundAudit, { principal: who })).status).toBe(403);
  });

  it('refunds a cancelled paid reservation outside the cutoff without an audit entry', async () => {
    const { r, who, intentId } = await confirmed();
    expect((await h.cancel(who, r.reservationId)).status).toBe('REFUNDED');
    expect((await intentOf(intentId)).status).toBe('REFUNDED');
    const page = await h.audit.list({ limit: 100 });
    expect(page.items.some((e) => e.reservationId === r.reservationId)).toBe(false);
  });
});
