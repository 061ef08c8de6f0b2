import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { getMyQueueStatus, getQueueStats, joinQueue, leaveQueue } from '../../../functions/http/queue';
import { getQueueConfig, putQueueConfig } from '../../../functions/http/admin-queue';
import { handler as subscribe } from '../../../functions/ws/subscribe';
import { handler as unsubscribe } from '../../../functions/ws/unsubscribe';
import { newConcertId } from './harness';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';

const { posts } = useConnectionsStandIn();

type Handler = (event: APIGatewayProxyEvent, context: never) => Promise<APIGatewayProxyResult>;
const authorizer = (userId: string, role = 'USER') => ({ principalId: userId, userId, role, tier: 'BASIC', jti: `j-${userId}`, tokenExpiresAt: 9e9 });

async function call(handler: Handler, o: { concertId: string; userId?: string; role?: string; body?: unknown }) {
  const event = {
    body: o.body === undefined ? null : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    headers: {},
    pathParameters: { concertId: o.concertId },
    queryStringParameters: null,
    requestContext: { requestId: 'req-1', authorizer: o.userId ? authorizer(o.userId, o.role) : null },
  } as unknown as APIGatewayProxyEvent;
  const res = await handler(event, {} as never);
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
}

const validConfig = { mode: 'direct', admitPerSecond: 10, maxActive: 20, activeTtlSeconds: 120, maxWaiting: 2 };

describe('waiting-room REST handlers', () => {
  it('joins, reports, leaves, and counts through the API shapes', async () => {
    const concertId = newConcertId();
    expect(await call(joinQueue, { concertId, userId: 'h-a', body: {} })).toEqual({
      status: 200,
      // First in line: poll soon, and open the WebSocket now (within the connect budget).
      body: { concertId, status: 'WAITING', position: 1, ahead: 0, etaSeconds: 1, pollAfterSeconds: 2, connect: true },
    });
    expect((await call(joinQueue, { concertId, userId: 'h-b' })).body).toMatchObject({ position: 2, ahead: 1 });
    expect((await call(getMyQueueStatus, { concertId, userId: 'h-b' })).body).toMatchObject({ status: 'WAITING', position: 2 });
    expect(await call(leaveQueue, { concertId, userId: 'h-a' })).toEqual({ status: 204, body: undefined });
    expect((await call(getMyQueueStatus, { concertId, userId: 'h-b' })).body).toMatchObject({ position: 1 });
    expect(await call(getQueueStats, { concertId })).toEqual({
      status: 200,
      body: { waiting: 1, active: 0, admittedTotal: 0, admitPerSecond: 50, maxActive: 500 },
    });
    expect((await call(joinQueue, { concertId })).status).toBe(401);
  });

  it('serves the admin queue config with defaults, validation naming fields, and the ADMIN role', async () => {
    const concertId = newConcertId();
    expect(await call(getQueueConfig, { concertId, userId: 'admin', role: 'ADMIN' })).toMatchObject({ status: 200, body: { mode: 'direct', admitPerSecond: 50 } });
    expect((await call(putQueueConfig, { concertId, userId: 'h-user', body: validConfig })).status).toBe(403);

    const bad = await call(putQueueConfig, { concertId, userId: 'admin', role: 'ADMIN', body: { ...validConfig, mode: 'turbo', maxActive: 0, extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'maxActive', 'mode']);
    expect((await call(putQueueConfig, { concertId, userId: 'admin', role: 'ADMIN', body: '{"mode":' })).status).toBe(400);

    expect(await call(putQueueConfig, { concertId, userId: 'admin', role: 'ADMIN', body: validConfig })).toEqual({ status: 200, body: { ...validConfig, randomizeAtOpen: false } });
    expect((await call(getQueueConfig, { concertId, userId: 'admin', role: 'ADMIN' })).body).toMatchObject({ maxWaiting: 2 });
  });

  it('answers 409 QUEUE_FULL as JSON, and 202 PENDING in buffered mode', async () => {
    const concertId = newConcertId();
    await call(putQueueConfig, { concertId, userId: 'admin', role: 'ADMIN', body: validConfig });
    await call(joinQueue, { concertId, userId: 'f1' });
    await call(joinQueue, { concertId, userId: 'f2' });
    const full = await call(joinQueue, { concertId, userId: 'f3' });
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ error: { code: 'QUEUE_FULL' }, requestId: 'req-1' });

    const buffered = newConcertId();
    await call(putQueueConfig, { concertId: buffered, userId: 'admin', role: 'ADMIN', body: { ...validConfig, mode: 'buffered' } });
    const pending = await call(joinQueue, { concertId: buffered, userId: 'p1' });
    expect(pending).toEqual({ status: 202, body: { status: 'PENDING', ticketId: expect.any(String) } });
  });
});

describe('waiting-room WebSocket handlers', () => {
  const ws = (handler: typeof subscribe, connectionId: string, userId: string | undefined, body: string) =>
    handler({ body, requestContext: { connectionId, routeKey: 'subscribe', requestId: `r-${connectionId}`, authorizer: userId ? authorizer(userId) : null } } as never, {} as never);

  it('subscribe sends the current RANK_UPDATE through @connections at once; bad messages get 400', async () => {
    const concertId = newConcertId();
    await call(joinQueue, { concertId, userId: 'w1' });
    await call(joinQueue, { concertId, userId: 'w2' });
    expect(await ws(subscribe, 'conn-w2', 'w2', JSON.stringify({ action: 'subscribe', concertId }))).toMatchObject({ statusCode: 200 });
    expect(posts.filter((p) => p.connectionId === 'conn-w2').map((p) => p.body)).toEqual([
      { type: 'RANK_UPDATE', concertId, position: 2, ahead: 1, etaSeconds: 1, ts: expect.any(String) },
    ]);
    expect(await ws(subscribe, 'gone-1', 'w2', JSON.stringify({ action: 'subscribe', concertId }))).toMatchObject({ statusCode: 200 });
    expect(await ws(unsubscribe, 'conn-w2', 'w2', JSON.stringify({ action: 'unsubscribe', concertId }))).toMatchObject({ statusCode: 200 });
    expect(await ws(subscribe, 'conn-x', 'w2', '{"action":"subscribe"}')).toMatchObject({ statusCode: 400 });
    expect(await ws(subscribe, 'conn-x', 'w2', 'not json')).toMatchObject({ statusCode: 400 });
    expect(await ws(subscribe, 'conn-x', undefined, JSON.stringify({ action: 'subscribe', concertId }))).toMatchObject({ statusCode: 401 });
  });
});
