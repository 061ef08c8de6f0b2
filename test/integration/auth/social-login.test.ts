import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetConfigCache } from '#platform/config';
import { authDeps } from '#composition/auth';
import { socialExchange as exchangeService } from '#services/auth/social-sign-in';
import { kakaoProvider } from '#adapters/oauth/kakao';
import { naverProvider } from '#adapters/oauth/naver';
import type { TokenPair } from '#services/auth/issue-session';
import { FAKE_CLIENTS, startOAuthFake, type FakeProvider, type OAuthFake } from '../../../local/oauth-fake';
import { apiEvent, invoke } from '../../helpers/api-event';
import * as auth from '../../../functions/http/auth';
import { me, refresh } from './auth-calls';

const redirectUri = 'http://127.0.0.1:3000/auth/callback';
let fake: OAuthFake;

beforeAll(async () => {
  fake = await startOAuthFake();
  Object.assign(process.env, fake.env);
  resetConfigCache();
});
afterAll(() => fake?.stop());

type ErrorBody = { error?: { code: string; message: string; details?: Record<string, unknown> } };

const authorizeUrl = (provider: string, query: Record<string, string>) =>
  invoke<{ url: string; state: string } & ErrorBody>(
    auth.socialAuthorizeUrl,
    apiEvent({ path: `/v1/auth/social/${provider}/authorize-url`, resource: '/v1/auth/social/{provider}/authorize-url', pathParameters: { provider }, query }),
  );

const exchange = (provider: string, body: unknown) =>
  invoke<TokenPair & ErrorBody>(
    auth.socialExchange,
    apiEvent({ method: 'POST', path: `/v1/auth/social/${provider}/exchange`, resource: '/v1/auth/social/{provider}/exchange', pathParameters: { provider }, body }),
  );

const uniqueId = (provider: FakeProvider) =>
  provider === 'kakao' ? String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000)) : `nv-${Math.random().toString(36).slice(2)}`;

describe('social login: authorize URL', () => {
  it.each([
    ['kakao', '/kakao/auth/oauth/authorize'],
    ['naver', '/naver/auth/oauth2.0/authorize'],
  ])('points %s at its authorize endpoint with our client id, the redirect URI and the state', async (provider, path) => {
    const res = await authorizeUrl(provider, { redirectUri, state: 'st-123' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('st-123');
    const url = new URL(res.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}${path}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: provider === 'kakao' ? FAKE_CLIENTS.kakao.clientId : FAKE_CLIENTS.naver.clientId,
      redirect_uri: redirectUri,
      state: 'st-123',
    });
  });

  it('makes up a random state when the client sends none', async () => {
    const [a, b] = await Promise.all([authorizeUrl('kakao', { redirectUri }), authorizeUrl('kakao', { redirectUri })]);
    expect(a.body.state).toMatch(/^[\w-]{20,}$/);
    expect(a.body.state).not.toBe(b.body.state);
    expect(new URL(a.body.url).searchParams.get('state')).toBe(a.body.state);
  });

  it('refuses an unknown provider and a non-http redirect URI, naming the fields', async () => {
    const res = await authorizeUrl('github', { redirectUri: 'javascript:alert(1)' });
    expect(res.status).toBe(400);
    expect(res.body.error?.details?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'path', path: 'provider' }), expect.objectContaining({ in: 'query', path: 'redirectUri' })]),
    );
  });
});

describe.each(['kakao', 'naver'] as const)('social login with %s against the fake provider', (provider) => {
  it('onboards the user on the first login and reuses the account afterwards', async () => {
    const account = { id: uniqueId(provider), nickname: '해린' };
    const first = await exchange(provider, { code: fake.issueCode(provider, account, redirectUri), state: 's1', redirectUri });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ nickname: '해린', role: 'USER', tier: 'BASIC', providers: [provider] });
    expect(first.body).toMatchObject({ tokenType: 'Bearer', accessTokenExpiresInSeconds: 900 });

    const second = await exchange(provider, { code: fake.issueCode(provider, { ...account, nickname: 'renamed' }, redirectUri), state: 's2', redirectUri });
    expect(second.status).toBe(200);
    expect(second.body.user).toEqual(first.body.user);

    expect((await me(second.body.accessToken)).body).toEqual(first.body.user);
    expect((await refresh(first.body.refreshToken)).status).toBe(200);
  });

  it('refuses a code the provider does not know with 401, and a spent code too', async () => {
    const bogus = await exchange(provider, { code: 'made-up', state: 's', redirectUri });
    expect(bogus.status).toBe(401);
    expect(bogus.body.error).toMatchObject({ code: 'UNAUTHENTICATED', details: { provider } });

    const code = fake.issueCode(provider, { id: uniqueId(provider) }, redirectUri);
    expect((await exchange(provider, { code, state: 's', redirectUri })).status).toBe(200);
    expect((await exchange(provider, { code, state: 's', redirectUri })).status).toBe(401);
  });

  it.each(['error-500', 'garbage'] as const)('answers 503 with Retry-After when the token endpoint fails with %s', async (fault) => {
    fake.failNext(provider, 'token', fault);
    const res = await exchange(provider, { code: fake.issueCode(provider, { id: uniqueId(provider) }, redirectUri), state: 's', redirectUri });
    expect(res.status).toBe(503);
    expect(res.body.error?.code).toBe('DEPENDENCY_UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('rides out one failed profile read with a retry', async () => {
    fake.failNext(provider, 'profile', 'error-500');
    const res = await exchange(provider, { code: fake.issueCode(provider, { id: uniqueId(provider) }, redirectUri), state: 's', redirectUri });
    expect(res.status).toBe(200);
  });

  it('gives up on a provider that never answers, with 503', async () => {
    const deps = authDeps({ socialProviders: { kakao: kakaoProvider({ timeoutMs: 300 }), naver: naverProvider({ timeoutMs: 300 }) } });
    fake.failNext(provider, 'token', 'hang');
    await expect(
      exchangeService(deps, provider, { code: fake.issueCode(provider, { id: uniqueId(provider) }, redirectUri), state: 's', redirectUri }),
    ).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });
});

describe('social login details', () => {
  it('sends the Naver client secret and the state with the code', async () => {
    const code = fake.issueCode('naver', { id: uniqueId('naver') }, redirectUri);
    await exchange('naver', { code, state: 'naver-state', redirectUri });
    const call = fake.calls.filter((c) => c.provider === 'naver' && c.endpoint === 'token').at(-1);
    expect(call?.params).toMatchObject({ code, state: 'naver-state', client_secret: FAKE_CLIENTS.naver.clientSecret });
  });

  it('refuses a Kakao code presented with another redirect URI than it was issued for', async () => {
    const code = fake.issueCode('kakao', { id: uniqueId('kakao') }, redirectUri);
    const res = await exchange('kakao', { code, state: 's', redirectUri: 'http://127.0.0.1:3000/elsewhere' });
    expect(res.status).toBe(401);
    expect(res.body.error?.details).toMatchObject({ reason: 'invalid_grant' });
  });

  it('names missing exchange fields', async () => {
    const res = await exchange('kakao', { code: '' });
    expect(res.status).toBe(400);
    expect((res.body.error?.details?.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['code', 'redirectUri', 'state']);
  });

  it('completes the browser flow: the authorize URL redirects back with a code that exchanges', async () => {
    const { body } = await authorizeUrl('kakao', { redirectUri, state: 'browser' });
    const redirect = await fetch(`${body.url}&login_hint=${encodeURIComponent('뉴진스팬')}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const back = new URL(redirect.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('browser');
    const res = await exchange('kakao', { code: back.searchParams.get('code'), state: 'browser', redirectUri });
    expect(res.status).toBe(200);
    expect(res.body.user.nickname).toBe('뉴진스팬');
  });

  it('onboards one account when the first logins of an identity race', async () => {
    const account = { id: uniqueId('naver'), nickname: 'racer' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => exchange('naver', { code: fake.issueCode('naver', account, redirectUri), state: 's', redirectUri })),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.body.user.id)).size).toBe(1);
  });
});
