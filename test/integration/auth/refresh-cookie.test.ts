import { describe, expect, it } from 'vitest';
import { invoke } from '../../helpers/api-event';
import * as auth from '../../../functions/http/auth';
import { callProtected, refresh, uniqueNickname } from './auth-calls';

const COOKIE_MODE = { 'x-refresh-cookie': '1' };
const cookieValue = (setCookie: string | undefined) => /tr_refresh=([^;]*)/.exec(setCookie ?? '')?.[1] ?? '';
const refreshWithCookie = (value: string) =>
  invoke(auth.refreshToken, { method: 'POST', path: '/v1/auth/token/refresh', headers: { ...COOKIE_MODE, cookie: `other=1; tr_refresh=${value}` }, body: {} });

describe('the refresh token in an HttpOnly cookie (X-Refresh-Cookie: 1)', () => {
  it('keeps it out of the body, rotates it through the cookie, and logout revokes and clears it', async () => {
    const signIn = await invoke(auth.devSignIn, { method: 'POST', path: '/v1/auth/dev/sign-in', headers: COOKIE_MODE, body: { nickname: uniqueNickname('쿠키') } });
    expect(signIn.status).toBe(200);
    expect(signIn.body.refreshToken).toBeUndefined();
    expect(signIn.body.accessToken).toEqual(expect.any(String));
    const setCookie = signIn.headers['set-cookie'];
    expect(setCookie).toMatch(/^tr_refresh=[^;]+; Path=\/v1\/auth; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
    const first = cookieValue(setCookie);

    const rotated = await refreshWithCookie(first);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refreshToken).toBeUndefined();
    const second = cookieValue(rotated.headers['set-cookie']);
    expect(second).not.toBe(first);

    // The spent cookie is reuse: the family is revoked (api.md), so the rotated one dies too.
    expect((await refreshWithCookie(first)).status).toBe(401);
    expect((await refreshWithCookie(second)).status).toBe(401);
  });

  it('logs out with the cookie: the family is revoked and the cookie cleared', async () => {
    const signIn = await invoke(auth.devSignIn, { method: 'POST', path: '/v1/auth/dev/sign-in', headers: COOKIE_MODE, body: { nickname: uniqueNickname('쿠키') } });
    const value = cookieValue(signIn.headers['set-cookie']);
    const out = await callProtected(auth.logout, signIn.body.accessToken, { method: 'POST', path: '/v1/auth/logout', headers: { ...COOKIE_MODE, cookie: `tr_refresh=${value}` }, body: {} });
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']).toMatch(/^tr_refresh=; Path=\/v1\/auth; Max-Age=0; HttpOnly; Secure; SameSite=Strict$/);
    expect((await refreshWithCookie(value)).status).toBe(401);
  });

  it('keeps the JSON contract without the header, and asks for a token when neither body nor cookie has one', async () => {
    const signIn = await invoke(auth.devSignIn, { method: 'POST', path: '/v1/auth/dev/sign-in', body: { nickname: uniqueNickname('json') } });
    expect(signIn.headers['set-cookie']).toBeUndefined();
    const viaBody = await refresh(signIn.body.refreshToken);
    expect(viaBody.status).toBe(200);
    expect(viaBody.body.refreshToken).toEqual(expect.any(String));

    // A cookie alone, without the opt-in header, is ignored: a cross-site form cannot use it.
    const cookieOnly = await invoke(auth.refreshToken, { method: 'POST', path: '/v1/auth/token/refresh', headers: { cookie: `tr_refresh=${viaBody.body.refreshToken}` }, body: {} });
    expect(cookieOnly.status).toBe(400);
    expect(cookieOnly.body.error.code).toBe('VALIDATION_FAILED');
  });
});
