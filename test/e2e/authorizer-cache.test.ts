import { describe, expect, it } from 'vitest';
import { restRoutes } from '../../lib/routes';
import { fixture, useLocalCloud } from '../helpers/local-cloud';

const TTL_SECONDS = 2;
const cloud = useLocalCloud({ routes: restRoutes, authorizer: fixture('authorizer', 'countingRealAuthorizer'), authorizerCacheTtlSeconds: TTL_SECONDS });

const invocations = () => (globalThis as { authorizerInvocations?: number }).authorizerInvocations ?? 0;
const call = (path: string, token?: string, method = 'GET') =>
  fetch(`${cloud().url}${path}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });

async function signIn(nickname: string): Promise<string> {
  const res = await fetch(`${cloud().url}/v1/auth/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nickname }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

describe('the local gateway caches the authorizer as API Gateway does', () => {
  it('invokes the authorizer once per token within the TTL, for every cached route', async () => {
    const token = await signIn(`cache-${Date.now()}`);
    const before = invocations();
    for (let i = 0; i < 5; i++) expect((await call('/v1/auth/me', token)).status).toBe(200);
    expect((await call('/v1/reservations', token)).status).toBe(200);
    expect(invocations() - before).toBe(1);
    const other = await signIn(`cache-other-${Date.now()}`);
    expect((await call('/v1/auth/me', other)).status).toBe(200);
    expect(invocations() - before).toBe(2);
  });

  it('answers 401 without invoking the authorizer when the Authorization header is missing', async () => {
    const before = invocations();
    expect((await call('/v1/auth/me')).status).toBe(401);
    expect(invocations()).toBe(before);
  });

  it('makes a logout effective at once on fresh routes and within the TTL on cached ones', async () => {
    const token = await signIn(`logout-${Date.now()}`);
    expect((await call('/v1/auth/me', token)).status).toBe(200);
    expect((await call('/v1/auth/logout', token, 'POST')).status).toBe(204);
    // Pay re-authorizes on every request: the revoked token is refused before the handler runs.
    expect((await call('/v1/reservations/01ABSENT/pay', token, 'POST')).status).toBe(401);
    // A cached route still serves the token until the cache entry lapses: the stated bound.
    expect((await call('/v1/auth/me', token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, TTL_SECONDS * 1000 + 100));
    expect((await call('/v1/auth/me', token)).status).toBe(401);
  });
});
