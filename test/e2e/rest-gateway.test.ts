import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { RestRoute } from '../../lib/capabilities/types';
import { restRoutes } from '../../lib/routes';
import { fixture, useLocalCloud } from '../helpers/local-cloud';

const route = (method: RestRoute['method'], path: string, handler: string, auth: RestRoute['auth'] = 'public'): RestRoute => ({
  method,
  path,
  handler: fixture('http', handler),
  auth,
  needs: [],
});

const cloud = useLocalCloud({
  webDir: fileURLToPath(new URL('../fixtures/web', import.meta.url)),
  routes: [
    ...restRoutes,
    route('GET', '/v1/things/{thingId}', 'echo'),
    route('POST', '/v1/things/{thingId}', 'echo'),
    route('GET', '/v1/things/search', 'echo'),
    route('POST', '/v1/things', 'createThing'),
    route('GET', '/v1/me', 'whoAmI', 'user'),
    route('GET', '/v1/admin/echo', 'echo', 'admin'),
    route('GET', '/v1/crash', 'crash'),
    // 0.2 s declared (2 s under the suite's DEADLINE_SCALE of 10); the handler takes 4 s.
    { ...route('GET', '/v1/slow', 'slow'), timeoutSeconds: 0.2 },
  ],
});

const call = (path: string, init: RequestInit = {}) => fetch(`${cloud().url}${path}`, init);
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the REST gateway', () => {
  it('gzips a response of 1 KiB or more for a client that accepts it, as the RestApi minCompressionSize does', async () => {
    const zipped = await call('/v1/things/abc', { headers: { 'accept-encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('vary')).toBe('accept-encoding');
    const event = await zipped.json();
    expect(event.path).toBe('/v1/things/abc');
    const plain = await call('/v1/things/abc', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length') ?? (await plain.clone().arrayBuffer()).byteLength)).toBeGreaterThanOrEqual(1024);
    const small = await call('/v1/things', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify({ name: 'x' }) });
    expect(small.status).toBe(200);
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('hands the handler an API Gateway v1 proxy event', async () => {
    const res = await call('/v1/things/abc%20d?x=1&x=2&y=3', { headers: { 'X-Custom': 'yes', 'user-agent': 'e2e' } });
    expect(res.status).toBe(200);
    const event = await res.json();
    expect(event).toMatchObject({
      resource: '/v1/things/{thingId}',
      path: '/v1/things/abc%20d',
      httpMethod: 'GET',
      pathParameters: { thingId: 'abc d' },
      queryStringParameters: { x: '2', y: '3' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['3'] },
      body: null,
      isBase64Encoded: false,
      stageVariables: null,
      requestContext: {
        stage: 'local',
        resourcePath: '/v1/things/{thingId}',
        httpMethod: 'GET',
        identity: { sourceIp: '127.0.0.1', userAgent: 'e2e' },
      },
    });
    expect(event.headers['X-Custom']).toBe('yes');
    expect(event.multiValueHeaders['X-Custom']).toEqual(['yes']);
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.authorizer).toBeUndefined();
  });

  it('passes the request body through as text and leaves absent parts null', async () => {
    const res = await call('/v1/things/t1', { method: 'POST', body: '{"name":"민지"}', headers: { 'content-type': 'application/json' } });
    const event = await res.json();
    expect(event.body).toBe('{"name":"민지"}');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
  });

  it('prefers a static segment over a {param} at the same position', async () => {
    const event = await (await call('/v1/things/search')).json();
    expect(event.resource).toBe('/v1/things/search');
    expect(event.pathParameters).toBeNull();
  });

  it('answers an unknown path with 404 and a known path with the wrong method with 405, both in the error shape', async () => {
    const missing = await call('/v1/nothing/here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' }, requestId: expect.any(String) });
    const wrongMethod = await call('/v1/things', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await wrongMethod.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('turns malformed JSON into a 400 through a real platform handler, and accepts good JSON', async () => {
    const bad = await call('/v1/things', { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.requestId).toBe(bad.headers.get('x-request-id'));
    const good = await call('/v1/things', { method: 'POST', body: '{"name":"aespa"}' });
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ name: 'aespa' });
  });

  it('refuses a protected route without a valid token with 401 UNAUTHENTICATED', async () => {
    for (const init of [{}, bearer('garbage')]) {
      const res = await call('/v1/me', init);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' }, requestId: expect.any(String) });
    }
  });

  it('answers 403 FORBIDDEN when the authorizer returns a Deny policy', async () => {
    const res = await call('/v1/me', bearer('deny-u1'));
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('FORBIDDEN');
  });

  it('passes an Allow decision on as requestContext.authorizer, which the platform reads as the principal', async () => {
    const me = await call('/v1/me', bearer('user-u42'));
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ userId: 'u42', role: 'USER', tier: 'GOLD', jti: 'jti-u42', tokenExpiresAt: 1_900_000_000 });

    const event = await (await call('/v1/admin/echo', bearer('admin-a1'))).json();
    // API Gateway delivers authorizer context values as strings.
    expect(event.requestContext.authorizer).toEqual({
      principalId: 'a1',
      userId: 'a1',
      role: 'ADMIN',
      tier: 'GOLD',
      jti: 'jti-a1',
      tokenExpiresAt: '1900000000',
      methodArn: 'arn:aws:execute-api:us-east-1:000000000000:local/local/GET/v1/admin/echo',
    });
  });

  it('answers 500 without internals when the authorizer returns a malformed result', async () => {
    const res = await call('/v1/me', bearer('crash-x'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toMatch(/nested|stack/);
  });

  it('answers 502 in the error shape when a handler throws outside the platform, and keeps serving', async () => {
    const res = await call('/v1/crash');
    expect(res.status).toBe(502);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe('INTERNAL');
    expect(text).not.toContain('boom');
    expect((await call('/v1/things/search')).status).toBe(200);
  });

  it('cuts a handler off at its declared timeout: 502 in the error shape, as API Gateway answers a timed-out Lambda, and logs it', async () => {
    const logged = vi.spyOn(console, 'error');
    try {
      const started = Date.now();
      const res = await call('/v1/slow');
      expect(res.status).toBe(502);
      expect((await res.json()).error.code).toBe('INTERNAL');
      expect(Date.now() - started).toBeLessThan(3900);
      expect(logged.mock.calls.some(([line]) => String(line).includes('Task timed out') && String(line).includes('slow'))).toBe(true);
    } finally {
      logged.mockRestore();
    }
    expect((await call('/v1/things/search')).status).toBe(200);
  });

  it('refuses a body over 10 MB with 413 and keeps serving', async () => {
    const res = await call('/v1/things', { method: 'POST', body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await call('/v1/things/search')).status).toBe(200);
  });

  it('answers CORS preflight for declared paths', async () => {
    const res = await call('/v1/things', { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('reports every dependency ok on GET /v1/health', async () => {
    const res = await call('/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { dynamodb: 'ok', redis: 'ok', sqs: 'ok' } });
  });

  it('serves /config.json with the API and WebSocket URLs of this origin', async () => {
    const res = await call('/config.json');
    expect(await res.json()).toEqual({ apiUrl: `${cloud().url}/v1`, wsUrl: cloud().wsUrl, stage: 'local' });
  });

  it('serves the web folder at /, falls back to index.html for app routes, and nothing outside the folder', async () => {
    const index = await call('/');
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await index.text()).toContain('fixture web');
    expect(await (await call('/concerts/01JX')).text()).toContain('fixture web');
    const script = await call('/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect((await call('/missing.js')).status).toBe(404);
    expect((await call('/..%2f..%2f..%2fpackage.json')).status).toBe(404);
  });
});
