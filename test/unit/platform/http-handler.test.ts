import { afterEach, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { z } from 'zod';
import { created, httpHandler, MAX_BODY_BYTES, noContent, type IdempotentRun } from '#platform/http';
import { resetConfigCache } from '#platform/config';
import { DomainError } from '#platform/errors';

const context = { awsRequestId: 'ctx-req' } as Context;

function event(over: Partial<APIGatewayProxyEvent> & { authorizer?: Record<string, unknown> } = {}): APIGatewayProxyEvent {
  const { authorizer, ...rest } = over;
  return {
    body: null,
    headers: {},
    multiValueHeaders: {},
    httpMethod: 'POST',
    isBase64Encoded: false,
    path: '/v1/things',
    pathParameters: null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    resource: '/v1/things',
    requestContext: { requestId: 'req-1', authorizer: authorizer ?? null } as unknown as APIGatewayProxyEvent['requestContext'],
    ...rest,
  };
}

const user = { userId: 'u1', role: 'USER', tier: 'GOLD', jti: 'j1', tokenExpiresAt: 2000000000 };
const admin = { ...user, userId: 'a1', role: 'ADMIN' };

const echo = httpHandler(
  {
    auth: 'user',
    body: z.object({ name: z.string().min(1), seats: z.array(z.string()).min(1) }),
    query: z.object({ limit: z.coerce.number().int().max(100).default(20) }),
    params: z.object({ id: z.string().min(3) }),
  },
  async ({ body, query, params, principal }) => created({ body, query, params, userId: principal.userId }),
);

const parse = (r: { body: string }) => JSON.parse(r.body);

describe('httpHandler', () => {
  it('validates body, query and path, and hands the handler typed values and the caller', async () => {
    const r = await echo(
      event({ body: JSON.stringify({ name: 'x', seats: ['A-1-1'] }), queryStringParameters: { limit: '5' }, pathParameters: { id: 'abc' }, authorizer: user }),
      context,
    );
    expect(r.statusCode).toBe(201);
    expect(parse(r)).toEqual({ body: { name: 'x', seats: ['A-1-1'] }, query: { limit: 5 }, params: { id: 'abc' }, userId: 'u1' });
    expect(r.headers).toMatchObject({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1' });
  });

  it('names every bad field in one 400 VALIDATION_FAILED', async () => {
    const r = await echo(
      event({ body: JSON.stringify({ name: '', seats: [] }), queryStringParameters: { limit: '500' }, pathParameters: { id: 'a' }, authorizer: user }),
      context,
    );
    expect(r.statusCode).toBe(400);
    const { error, requestId } = parse(r);
    expect(requestId).toBe('req-1');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.issues.map((i: { in: string; path: string }) => `${i.in}:${i.path}`).sort()).toEqual(['body:name', 'body:seats', 'path:id', 'query:limit']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const r = await echo(event({ body: '{"name": ', pathParameters: { id: 'abc' }, authorizer: user }), context);
    expect(r.statusCode).toBe(400);
    expect(parse(r).error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Malformed JSON body' });
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const r = await echo(event({ body: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), seats: ['a'] }), pathParameters: { id: 'abc' }, authorizer: user }), context);
    expect(r.statusCode).toBe(413);
    expect(parse(r).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('decodes base64 bodies', async () => {
    const body = Buffer.from(JSON.stringify({ name: '민지', seats: ['A-1-1'] })).toString('base64');
    const r = await echo(event({ body, isBase64Encoded: true, pathParameters: { id: 'abc' }, authorizer: user }), context);
    expect(parse(r).body.name).toBe('민지');
  });

  it('is 401 without a caller on a user route and 403 for a USER on an admin route', async () => {
    const adminOnly = httpHandler({ auth: 'admin' }, async () => noContent());
    expect((await echo(event({ pathParameters: { id: 'abc' } }), context)).statusCode).toBe(401);
    const forbidden = await adminOnly(event({ authorizer: user }), context);
    expect(forbidden.statusCode).toBe(403);
    expect(parse(forbidden).error.code).toBe('FORBIDDEN');
    const ok = await adminOnly(event({ authorizer: admin }), context);
    expect(ok.statusCode).toBe(204);
    expect(ok.body).toBe('');
  });

  it('maps a typed domain error to its status and carries Retry-After', async () => {
    const busy = httpHandler({ auth: 'public' }, async () => {
      throw new DomainError('RATE_LIMITED', 'Slow down', { limit: 10 }, 3);
    });
    const r = await busy(event(), context);
    expect(r.statusCode).toBe(429);
    expect(r.headers?.['retry-after']).toBe('3');
    expect(parse(r).error).toEqual({ code: 'RATE_LIMITED', message: 'Slow down', details: { limit: 10 } });
  });

  it('never shows a 5xx domain error its own message: the code, a generic message and the request id only', async () => {
    for (const code of ['INTERNAL', 'DEPENDENCY_UNAVAILABLE'] as const) {
      const failing = httpHandler({ auth: 'public' }, async () => {
        throw new DomainError(code, 'table ticketrush-prod at 10.0.3.7 refused the connection', { host: '10.0.3.7' }, 2);
      });
      const r = await failing(event(), context);
      expect(r.statusCode).toBe(code === 'INTERNAL' ? 500 : 503);
      expect(r.body).not.toContain('10.0.3.7');
      expect(r.body).not.toContain('ticketrush-prod');
      const body = parse(r);
      expect(body.error.code).toBe(code);
      expect(body.error.details).toBeUndefined();
      expect(body.requestId).toBe('req-1');
      expect(r.headers?.['retry-after']).toBe('2');
    }
  });

  it('hides unknown errors behind a generic 500 with no internals', async () => {
    const broken = httpHandler({ auth: 'public' }, async () => {
      throw new Error('connection string postgres://secret@db');
    });
    const r = await broken(event(), context);
    expect(r.statusCode).toBe(500);
    expect(r.body).not.toContain('secret');
    expect(parse(r)).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' }, requestId: 'req-1' });
  });
});

describe('httpHandler middleware declared in the spec', () => {
  afterEach(() => {
    delete process.env.CORS_ORIGINS;
    resetConfigCache();
  });

  it("answers CORS with the caller's origin only when the stage lists it, and says Vary: Origin", async () => {
    process.env.CORS_ORIGINS = 'https://tickets.example.com, https://admin.example.com';
    resetConfigCache();
    const route = httpHandler({ auth: 'public' }, async () => ({ ok: true }));
    const listed = await route(event({ headers: { origin: 'https://admin.example.com' } }), context);
    expect(listed.headers).toMatchObject({ 'access-control-allow-origin': 'https://admin.example.com', vary: 'Origin' });
    const other = await route(event({ headers: { Origin: 'https://evil.example.net' } }), context);
    expect(other.headers?.['access-control-allow-origin']).toBeUndefined();
    expect(other.headers?.vary).toBe('Origin');
    // Errors carry CORS too, or a browser could not read them.
    const refused = await httpHandler({ auth: 'user' }, async () => ({}))(event({ headers: { origin: 'https://tickets.example.com' } }), context);
    expect([refused.statusCode, refused.headers?.['access-control-allow-origin']]).toEqual([401, 'https://tickets.example.com']);
  });

  it('allows any origin in a stage whose corsOrigins is *', async () => {
    const r = await httpHandler({ auth: 'public' }, async () => ({}))(event({ headers: { origin: 'http://127.0.0.1:3000' } }), context);
    expect(r.headers?.['access-control-allow-origin']).toBe('*');
    expect(r.headers?.vary).toBeUndefined();
  });

  it('validates headers with the spec schema and names the header in the 400', async () => {
    const route = httpHandler({ auth: 'public', headers: z.object({ 'x-device-id': z.string().min(8) }) }, async () => ({}));
    const r = await route(event({ headers: { 'X-Device-Id': 'short' } }), context);
    expect(r.statusCode).toBe(400);
    expect(parse(r).error.details.issues).toEqual([expect.objectContaining({ in: 'header', path: 'x-device-id' })]);
    expect((await route(event({ headers: { 'X-Device-Id': 'device-0001' } }), context)).statusCode).toBe(200);
  });

  it('runs an idempotent route under a scope made of the caller and the route with its path filled in, inside its guard', async () => {
    const seen: Array<{ scope: string; key: string | undefined }> = [];
    const order: string[] = [];
    const run: IdempotentRun = async (req, execute) => (seen.push({ scope: req.scope, key: req.key }), order.push('idempotency'), { ...(await execute()), replayed: true });
    const route = httpHandler(
      { auth: 'user', params: z.object({ id: z.string() }), idempotent: () => run, guard: async (_req, next) => (order.push('guard'), next()) },
      async () => (order.push('handler'), created({ made: true })),
    );
    const r = await route(event({ resource: '/v1/things/{id}/pay', pathParameters: { id: 't-9' }, headers: { 'Idempotency-Key': 'k-1' }, authorizer: user }), context);
    expect(seen).toEqual([{ scope: 'u1:POST /v1/things/t-9/pay', key: 'k-1' }]);
    expect(order).toEqual(['guard', 'idempotency', 'handler']);
    expect([r.statusCode, r.headers?.['idempotent-replayed'], parse(r)]).toEqual([201, 'true', { made: true }]);
  });
});
