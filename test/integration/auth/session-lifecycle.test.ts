import { afterEach, describe, expect, it } from 'vitest';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { dynamo, tableName } from '#platform/clients';
import { resetConfigCache } from '#platform/config';
import { ManualClock } from '#platform/clock';
import { keys } from '#adapters/dynamo/keys';
import { authDeps } from '#composition/auth';
import { devSignIn as devSignInService } from '#services/auth/dev-sign-in';
import { refreshSession } from '#services/auth/refresh-session';
import { hashRefreshToken } from '#services/auth/refresh-secret';
import { REFRESH_TOKEN_TTL_SECONDS } from '#domain/auth/tokens';
import { apiEvent, invoke } from '../../helpers/api-event';
import * as auth from '../../../functions/http/auth';
import { devSignIn, logout, me, refresh, signedIn, uniqueNickname } from './auth-calls';

const getItem = async (key: { PK: string; SK: string }) =>
  (await dynamo().send(new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }))).Item;

describe('dev sign-in and the current user', () => {
  it('returns the token pair of api.md, and /me answers with the same user', async () => {
    const pair = await signedIn(uniqueNickname('민지'), { role: 'ADMIN', tier: 'VIP' });
    expect(pair).toMatchObject({ tokenType: 'Bearer', accessTokenExpiresInSeconds: 900, refreshTokenExpiresInSeconds: REFRESH_TOKEN_TTL_SECONDS });
    expect(Object.keys(pair).sort()).toEqual(['accessToken', 'accessTokenExpiresInSeconds', 'refreshToken', 'refreshTokenExpiresInSeconds', 'tokenType', 'user']);
    expect(pair.user).toMatchObject({ role: 'ADMIN', tier: 'VIP', providers: ['dev'] });

    const res = await me(pair.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(pair.user);
  });

  it('signs ES256 access tokens with kid carrying sub, role, tier, iss, aud, exp and jti, living 15 minutes', async () => {
    const pair = await signedIn();
    expect(decodeProtectedHeader(pair.accessToken)).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    const claims = decodeJwt(pair.accessToken);
    expect(claims).toMatchObject({ sub: pair.user.id, role: 'USER', tier: 'BASIC', iss: 'https://ticketrush.local', aud: 'ticketrush-api', jti: expect.any(String) });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('reuses the user of a nickname, applying a requested role or tier and keeping omitted ones', async () => {
    const nickname = uniqueNickname('hanni');
    const first = await signedIn(nickname, { tier: 'GOLD' });
    const again = await signedIn(`  ${nickname} `);
    expect(again.user).toEqual(first.user);
    const promoted = await signedIn(nickname, { role: 'ADMIN' });
    expect(promoted.user).toEqual({ ...first.user, role: 'ADMIN', tier: 'GOLD' });
    expect((await me(promoted.accessToken)).body).toMatchObject({ role: 'ADMIN', tier: 'GOLD' });
  });

  it('makes racing first sign-ins of one nickname end as one account', async () => {
    const nickname = uniqueNickname('race');
    const pairs = await Promise.all(Array.from({ length: 8 }, () => signedIn(nickname)));
    expect(new Set(pairs.map((p) => p.user.id)).size).toBe(1);
  });

  it('names each bad field in a 400', async () => {
    const res = await devSignIn({ nickname: '', role: 'ROOT', tier: 'PLATINUM' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_FAILED');
    expect(res.body.error?.details?.issues.map((i) => i.path).sort()).toEqual(['nickname', 'role', 'tier']);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await invoke(auth.devSignIn, apiEvent({ method: 'POST', path: '/v1/auth/dev/sign-in', body: '{"nickname":' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  describe('on a stage other than local', () => {
    afterEach(() => {
      process.env.STAGE = 'local';
      resetConfigCache();
    });

    it('is 404 NOT_FOUND, whatever the body', async () => {
      process.env.STAGE = 'prod';
      resetConfigCache();
      for (const body of [{ nickname: uniqueNickname('prod') }, { nickname: '' }, undefined]) {
        const res = await devSignIn(body);
        expect(res.status).toBe(404);
        expect(res.body.error?.code).toBe('NOT_FOUND');
      }
    });
  });

  it('refuses /me without a token or with garbage, at the authorizer', async () => {
    expect((await me('not-a-token')).status).toBe(401);
    const res = await invoke(auth.me, apiEvent({ path: '/v1/auth/me' }));
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});

describe('refresh token rotation', () => {
  it('stores refresh tokens only as SHA-256 hashes, with a TTL', async () => {
    const pair = await signedIn();
    const item = await getItem(keys.refreshToken(hashRefreshToken(pair.refreshToken)));
    expect(item).toMatchObject({ userId: pair.user.id, status: 'ACTIVE', ttl: expect.any(Number) });
    expect(JSON.stringify(item)).not.toContain(pair.refreshToken);
    expect(await getItem(keys.refreshToken(pair.refreshToken))).toBeUndefined();
  });

  it('rotates on every refresh: a new pair each time, for the same user', async () => {
    const first = await signedIn(uniqueNickname('rot'), { tier: 'SILVER' });
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    expect(second.body.user).toEqual(first.user);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect((await me(third.body.accessToken)).body).toEqual(first.user);
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const first = await signedIn();
    const second = (await refresh(first.refreshToken)).body;

    const replay = await refresh(first.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('UNAUTHENTICATED');

    // The legitimate holder's newer token dies with the family.
    expect((await refresh(second.refreshToken)).status).toBe(401);
    const family = await getItem(keys.refreshFamily(decodeJwt(first.accessToken).fid as string));
    expect(family).toMatchObject({ status: 'REVOKED', revokedReason: 'REUSE' });
  });

  it('lets exactly one of two racing refreshes with the same token win, and then the family is dead', async () => {
    const pair = await signedIn();
    const results = await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await refresh(winner.body.refreshToken)).status).toBe(401);
  });

  it('refuses an unknown token and names a missing field', async () => {
    expect((await refresh('rt_does-not-exist')).status).toBe(401);
    const res = await invoke(auth.refreshToken, apiEvent({ method: 'POST', path: '/v1/auth/token/refresh', body: {} }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: { issues: [{ in: 'body', path: 'refreshToken' }] } } });
  });

  it('refuses a refresh token after its 14 days', async () => {
    const clock = new ManualClock(new Date());
    const deps = authDeps({ clock });
    const pair = await devSignInService(deps, { nickname: uniqueNickname('late') });
    clock.advance(REFRESH_TOKEN_TTL_SECONDS - 60);
    const renewed = await refreshSession(deps, pair.refreshToken);
    clock.advance(REFRESH_TOKEN_TTL_SECONDS + 1);
    await expect(refreshSession(deps, renewed.refreshToken)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/expired/) });
  });
});

describe('logout', () => {
  it('denies the access token until it expires and kills the refresh family found from the token', async () => {
    const pair = await signedIn();
    const res = await logout(pair.accessToken);
    expect(res.status).toBe(204);

    expect((await me(pair.accessToken)).status).toBe(401);
    expect((await refresh(pair.refreshToken)).status).toBe(401);
    const denied = await getItem(keys.deniedJti(decodeJwt(pair.accessToken).jti!));
    expect(denied?.ttl).toBe(decodeJwt(pair.accessToken).exp);
  });

  it('also revokes the family of a refresh token sent in the body, but only the caller’s own', async () => {
    const nickname = uniqueNickname('two-devices');
    const phone = await signedIn(nickname);
    const laptop = await signedIn(nickname);
    const stranger = await signedIn();

    expect((await logout(laptop.accessToken, { refreshToken: phone.refreshToken })).status).toBe(204);
    expect((await refresh(laptop.refreshToken)).status).toBe(401);
    expect((await refresh(phone.refreshToken)).status).toBe(401);

    const other = await signedIn(nickname);
    expect((await logout(other.accessToken, { refreshToken: stranger.refreshToken })).status).toBe(204);
    expect((await refresh(stranger.refreshToken)).status).toBe(200);
  });

  it('leaves other sessions of the same user alone', async () => {
    const nickname = uniqueNickname('keep');
    const a = await signedIn(nickname);
    const b = await signedIn(nickname);
    await logout(a.accessToken);
    expect((await me(b.accessToken)).status).toBe(200);
    expect((await refresh(b.refreshToken)).status).toBe(200);
  });

  it('names a bad refresh token field', async () => {
    const pair = await signedIn();
    const res = await logout(pair.accessToken, { refreshToken: 42 });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { details: { issues: [{ path: 'refreshToken' }] } } });
  });
});
