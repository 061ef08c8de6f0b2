import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../helpers/api-event';
import { principal as user } from '../reservations/fixtures';
import { seedShow } from '../reservations/fixtures';
import { reservationServices } from '../reservations/harness';
import { startWireRecorder, withWireRecorder } from '../reservations/wire-recorder';

type Reservations = typeof import('../../../functions/http/lifecycle');
type Payments = typeof import('../../../functions/http/payments');
let api: Reservations;
let payments: Payments;
let wire: Awaited<ReturnType<typeof startWireRecorder>>;

/** The production handlers and composition roots; Step Functions and EventBridge answer from a wire recorder. */
beforeAll(async () => {
  ({ wire, modules: [api, payments] } = await withWireRecorder(() => Promise.all([import('../../../functions/http/lifecycle'), import('../../../functions/http/payments')])));
});
afterAll(() => wire.stop());

async function held(userId: string) {
  const { showId, seatIds } = await seedShow();
  return reservationServices().hold({ principal: user(userId), showId, seatIds: [seatIds[0]!] });
}

describe('POST /v1/reservations/{id}/pay, /cancel, /refund', () => {
  it('pays under an Idempotency-Key: a replay returns the first response, another body is 409', async () => {
    const r = await held('http-payer');
    const req = { principal: user('http-payer'), pathParameters: { reservationId: r.reservationId }, headers: { 'Idempotency-Key': `pay-${r.reservationId}` } };
    const first = await invoke(api.payReservation, { ...req, body: { paymentMethod: 'CARD' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reservation: { status: 'PAYING', reservationId: r.reservationId }, paymentIntent: { status: 'PENDING', captureMethod: 'automatic', amount: 150000 } });
    expect(first.body.reservation).not.toHaveProperty('version');
    const replay = await invoke(api.payReservation, { ...req, body: { paymentMethod: 'CARD' } });
    expect(replay).toMatchObject({ status: 200, body: first.body, headers: { 'idempotent-replayed': 'true' } });
    const other = await invoke(api.payReservation, { ...req, body: { paymentMethod: 'CARD', card: { number: '4242424242424242' } } });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: { code: 'IDEMPOTENCY_CONFLICT' } });
    // Announced once from the committed PAYING write (the change stream), not by the replay.
    expect((await reservationServices().events.of(r.reservationId)).filter((e) => e.detailType === 'ReservationPaying')).toHaveLength(1);
  });

  it('answers 400 to a bad body, 404 to another buyer, 409 to an impossible move', async () => {
    const r = await held('http-owner');
    const at = (userId: string) => ({ principal: user(userId), pathParameters: { reservationId: r.reservationId } });
    expect((await invoke(api.payReservation, { ...at('http-owner'), body: { paymentMethod: 'CASH' } })).body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await invoke(api.payReservation, { ...at('http-owner'), body: '{"paymentMethod":' })).status).toBe(400);
    expect((await invoke(api.payReservation, { ...at('http-owner'), body: { paymentMethod: 'CARD', card: { number: '1234' } } })).status).toBe(400);
    expect((await invoke(api.cancelReservation, at('someone-else'))).status).toBe(404);
    expect((await invoke(api.refundReservation, at('http-owner'))).body).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
    const cancelled = await invoke(api.cancelReservation, at('http-owner'));
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
    expect((await invoke(api.cancelReservation, at('http-owner'))).status).toBe(409);
    expect((await invoke(api.payReservation, { ...at('http-owner'), body: { paymentMethod: 'CARD' } })).status).toBe(409);
  });

  it('honours Idempotency-Key on the payment intent routes', async () => {
    const r = await held('http-intents');
    const req = { principal: user('http-intents'), headers: { 'Idempotency-Key': `intent-${r.reservationId}` }, body: { reservationId: r.reservationId } };
    const first = await invoke(payments.createIntent, req);
    expect(first.status).toBe(201);
    const replay = await invoke(payments.createIntent, req);
    expect(replay).toMatchObject({ status: 201, body: { intentId: first.body.intentId }, headers: { 'idempotent-replayed': 'true' } });
    expect((await invoke(payments.createIntent, { ...req, body: { reservationId: r.reservationId, captureMethod: 'automatic' } })).status).toBe(409);
  });
});
