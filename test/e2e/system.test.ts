import { describe, expect, it } from 'vitest';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, tableName } from '#platform/clients';
import { RefusedUpgrade, callApi, eventually, openSocket, useSystemCloud, type TestSocket } from '../helpers/local-cloud';
import { createOneShowConcert } from '../../load/driver/api-concert';

/**
 * The whole system as `npm run local` runs it — real gateway, authorizer, handlers, admission loop and hold-deadline
 * state machine; nothing stands in. Covers the foundation's "done when" and the headline flow across capabilities.
 */
const cloud = useSystemCloud();
const api = (method: string, path: string, options?: Parameters<typeof callApi>[3]) => callApi(cloud().url, method, path, options);

async function signIn(nickname: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<string> {
  const res = await api('POST', '/auth/dev/sign-in', { body: { nickname, role } });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

/** The next message of `type`, skipping others (e.g. RANK_UPDATEs before ACTIVE). */
async function nextOfType(socket: TestSocket, type: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await socket.next(Math.max(1, deadline - Date.now()));
    if (message.type === type) return message;
  }
}

/** An admin creates a venue (one section, 4 seats), an artist, an agency and a one-show concert through the API. */
const createConcert = (admin: string, name: string) =>
  createOneShowConcert(
    async (path, body) => {
      const res = await api('POST', path, { token: admin, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    },
    name,
    { rows: 1, seatsPerRow: 4 },
  );

describe('the local cloud, end to end', () => {
  it('reports every dependency healthy', async () => {
    const res = await api('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    const checks = res.body.checks as Record<string, string>;
    expect(Object.keys(checks)).toEqual(expect.arrayContaining(['dynamodb', 'redis', 'sqs']));
    for (const state of Object.values(checks)) expect(state).toBe('ok');
  });

  it('signs in on the dev route and answers /v1/auth/me with that identity', async () => {
    const signedIn = await api('POST', '/auth/dev/sign-in', { body: { nickname: '지민', tier: 'GOLD' } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = await api('GET', '/auth/me', { token: signedIn.body.accessToken as string });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: (signedIn.body.user as { id: string }).id, nickname: '지민', role: 'USER', tier: 'GOLD' });
    expect((await api('GET', '/auth/me')).status).toBe(401);
    expect((await api('GET', '/auth/me', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('answers ping with PONG on a signed-in WebSocket and refuses one without a valid token', async () => {
    const socket = await openSocket(`${cloud().wsUrl}?token=${encodeURIComponent(await signIn('ws-user'))}`);
    try {
      socket.send({ action: 'ping' });
      expect(await socket.next()).toMatchObject({ type: 'PONG' });
    } finally {
      await socket.close();
    }
    await expect(openSocket(cloud().wsUrl)).rejects.toEqual(new RefusedUpgrade(401));
    await expect(openSocket(`${cloud().wsUrl}?token=forged`)).rejects.toEqual(new RefusedUpgrade(401));
  });

  it('admin creates a concert; a fan queues, is admitted over WebSocket, holds seats, pays by webhook; a hold expires on its deadline', async () => {
    const admin = await signIn('system-admin', 'ADMIN');
    const { concertId, showId } = await createConcert(admin, 'System');
    const queueConfig = { mode: 'direct', admitPerSecond: 10, maxActive: 20, activeTtlSeconds: 120, maxWaiting: 100 };
    expect((await api('PUT', `/admin/concerts/${concertId}/queue-config`, { token: admin, body: queueConfig })).status).toBe(200);

    const fan = await signIn('system-fan');
    const joined = await api('POST', `/concerts/${concertId}/queue`, { token: fan, body: {} });
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ concertId, status: expect.stringMatching(/^(WAITING|ACTIVE)$/) });
    const socket = await openSocket(`${cloud().wsUrl}?token=${encodeURIComponent(fan)}`);
    let admissionToken: string;
    try {
      socket.send({ action: 'subscribe', concertId });
      const first = await socket.next();
      expect(['RANK_UPDATE', 'ACTIVE']).toContain(first.type);
      const active = first.type === 'ACTIVE' ? first : await nextOfType(socket, 'ACTIVE');
      expect(active).toMatchObject({ concertId, admissionToken: expect.any(String), activeExpiresAt: expect.any(String) });
      admissionToken = active.admissionToken as string;
    } finally {
      await socket.close();
    }

    const hold = (seatId: string, headers: Record<string, string>) =>
      api('POST', '/reservations', { token: fan, body: { showId, seatIds: [seatId] }, headers: { 'idempotency-key': `sys-${seatId}-${Date.now()}`, ...headers } });
    const refused = await hold('A-1-1', {});
    expect(refused.status).toBe(403);
    expect((refused.body.error as { code: string }).code).toBe('NOT_ADMITTED');

    // Payment webhooks travel through the webhook queue's consumer, which signs and POSTs them to the gateway.
    const paid = await hold('A-1-1', { 'x-admission-token': admissionToken });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    const intent = await api('POST', '/payments/intents', { token: fan, body: { reservationId: paid.body.reservationId }, headers: { 'idempotency-key': `sys-intent-${Date.now()}` } });
    expect(intent.status, JSON.stringify(intent.body)).toBe(201);
    const intentId = intent.body.intentId as string;
    const authorized = await api('POST', `/payments/intents/${intentId}/authorize`, { token: fan, body: { card: { number: '4242424242424242' } } });
    expect(authorized.status, JSON.stringify(authorized.body)).toBe(200);
    const webhookStatus = async () => (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.paymentIntent(intentId) }))).Item?.webhookStatus;
    await eventually(webhookStatus, (status) => status === 'AUTHORIZED', 15_000);

    // A 2 s hold, so its deadline execution can be watched.
    const policy = { generalSaleStartAt: '2020-01-01T00:00:00.000Z', maxTicketsPerUser: 4, holdTtlSeconds: 2, paymentTtlSeconds: 60, refundCutoffHours: 24 };
    expect((await api('PUT', `/concerts/${concertId}/sales-policy`, { token: admin, body: policy })).status).toBe(200);
    const seatId = 'A-1-2';
    const held = await hold(seatId, { 'x-admission-token': admissionToken });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body).toMatchObject({ status: 'HOLD', concertId, showId, currency: 'KRW', amount: 110000 });
    const reservationId = held.body.reservationId as string;
    const holdExpiresAt = Date.parse(held.body.holdExpiresAt as string);

    const seatStatus = async () => {
      const map = await api('GET', `/concerts/${concertId}/shows/${showId}/seats`);
      return (map.body.seats as Array<{ seatId: string; status: string }>).find((s) => s.seatId === seatId)?.status;
    };
    await eventually(seatStatus, (s) => s === 'HELD', 5_000);

    // The deadline execution (local Step Functions, the CDK-synthesized machine) expires the hold and frees the seat.
    const expired = await eventually(() => api('GET', `/reservations/${reservationId}`, { token: fan }), (r) => r.body.status === 'EXPIRED', 20_000, 50);
    const lagMs = Date.now() - holdExpiresAt;
    await eventually(seatStatus, (s) => s === 'AVAILABLE', 5_000);
    const sfn = new SFNClient({ endpoint: cloud().env.AWS_ENDPOINT_URL_SFN });
    try {
      const executionArn = `${cloud().env.HOLD_DEADLINES_STATE_MACHINE_ARN!.replace(':stateMachine:', ':execution:')}:${reservationId}`;
      const execution = await eventually(() => sfn.send(new DescribeExecutionCommand({ executionArn })), (e) => e.status !== 'RUNNING', 5_000);
      expect(execution.status).toBe('SUCCEEDED');
      expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ reservationId, hold: { outcome: { status: 'EXPIRED' } } });
    } finally {
      sfn.destroy();
    }
    console.log(`hold deadline → reservation EXPIRED observed after ${lagMs} ms (holdExpiresAt ${held.body.holdExpiresAt}, expiredAt ${expired.body.expiredAt})`);
    // The 10 s sweeper is the fallback; this bound shows the deadline machine, not the sweep, expired the hold.
    expect(lagMs).toBeLessThan(9_000);
  });

  it('pays with 4242…: the sandbox signs a webhook that, through the webhook queue and the gateway, confirms the reservation; the owner is told', async () => {
    const admin = await signIn('pay-admin', 'ADMIN');
    const { concertId, showId } = await createConcert(admin, 'Pay');
    const queueConfig = { mode: 'direct', admitPerSecond: 10, maxActive: 20, activeTtlSeconds: 120, maxWaiting: 100 };
    expect((await api('PUT', `/admin/concerts/${concertId}/queue-config`, { token: admin, body: queueConfig })).status).toBe(200);
    const fan = await signIn('pay-fan');
    expect((await api('POST', `/concerts/${concertId}/queue`, { token: fan, body: {} })).status).toBe(200);
    const status = await eventually(() => api('GET', `/concerts/${concertId}/queue/me`, { token: fan }), (r) => typeof r.body.admissionToken === 'string', 15_000, 200);
    const held = await api('POST', '/reservations', {
      token: fan,
      body: { showId, seatIds: ['A-1-3'] },
      headers: { 'x-admission-token': status.body.admissionToken as string, 'idempotency-key': `pay-hold-${Date.now()}` },
    });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    const reservationId = held.body.reservationId as string;

    const socket = await openSocket(`${cloud().wsUrl}?token=${encodeURIComponent(fan)}`);
    try {
      const paid = await api('POST', `/reservations/${reservationId}/pay`, {
        token: fan,
        body: { paymentMethod: 'CARD', card: { number: '4242424242424242' } },
        headers: { 'idempotency-key': `pay-${reservationId}` },
      });
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      expect(paid.body).toMatchObject({ reservation: { status: 'PAYING' }, paymentIntent: { status: 'CAPTURED' } });
      // Only the captured webhook confirms it: SQS → the dispatcher → POST /v1/payments/webhooks → the listener.
      const confirmed = await eventually(() => api('GET', `/reservations/${reservationId}`, { token: fan }), (r) => r.body.status === 'CONFIRMED', 20_000, 100);
      expect(confirmed.body.confirmedAt).toEqual(expect.any(String));
      expect(await nextOfType(socket, 'RESERVATION')).toMatchObject({ reservationId });
    } finally {
      await socket.close();
    }
    const seat = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.seat(showId, 'A-1-3'), ConsistentRead: true }));
    expect(seat.Item).toMatchObject({ status: 'SOLD', reservationId });
  });

  it('drains buffered joins through the join queue consumer', async () => {
    const admin = await signIn('buffer-admin', 'ADMIN');
    const { concertId } = await createConcert(admin, 'Buffer');
    const queueConfig = { mode: 'buffered', admitPerSecond: 1, maxActive: 1, activeTtlSeconds: 120, maxWaiting: 100 };
    expect((await api('PUT', `/admin/concerts/${concertId}/queue-config`, { token: admin, body: queueConfig })).status).toBe(200);
    const fans = await Promise.all(['하나', '둘', '셋'].map((n) => signIn(`buffer-${n}`)));
    for (const fan of fans) {
      const joined = await api('POST', `/concerts/${concertId}/queue`, { token: fan, body: {} });
      expect(joined.status).toBe(202);
      expect(joined.body).toMatchObject({ status: 'PENDING', ticketId: expect.any(String) });
    }
    const statuses = await eventually(
      () => Promise.all(fans.map(async (fan) => (await api('GET', `/concerts/${concertId}/queue/me`, { token: fan })).body)),
      (all) => all.every((s) => s.status === 'WAITING' || s.status === 'ACTIVE'),
      20_000,
      200,
    );
    // Placed in the order they were enqueued: whoever is still waiting stands behind those who joined earlier.
    const waitingPositions = statuses.filter((s) => s.status === 'WAITING').map((s) => s.position as number);
    expect(waitingPositions).toEqual([...waitingPositions].sort((a, b) => a - b));
    expect(statuses.findIndex((s) => s.status === 'WAITING')).toBeGreaterThanOrEqual(statuses.filter((s) => s.status === 'ACTIVE').length);
  });
});
