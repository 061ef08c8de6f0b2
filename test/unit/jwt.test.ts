import { beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, decodeProtectedHeader } from 'jose';
import { generateKeySetJson, resetKeySetCache } from '#adapters/jwt/key-set';
import { InvalidTokenError, signJwt, verifyJwt } from '#adapters/jwt/jwt';
import { resetConfigCache } from '#platform/config';

const audience = 'ticketrush-api';

beforeAll(async () => {
  process.env.JWT_KEYS_JSON = await generateKeySetJson('test-key');
  process.env.JWT_ISSUER = 'https://issuer.test';
  resetConfigCache();
  resetKeySetCache();
});

const reason = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    return e instanceof InvalidTokenError ? e.reason : `other: ${String(e)}`;
  }
};

describe('JWT signing and verification', () => {
  it('signs ES256 tokens carrying kid, iss, aud, sub, jti and exp, and verifies them', async () => {
    const { token, jti } = await signJwt({ role: 'USER' }, { audience, subject: 'u1', ttlSeconds: 900 });
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: 'test-key' });
    const payload = await verifyJwt(token, { audience });
    expect(payload).toMatchObject({ sub: 'u1', jti, role: 'USER', iss: 'https://issuer.test', aud: audience });
    expect(payload.exp! - payload.iat!).toBe(900);
  });

  it('refuses a token for another audience', async () => {
    const { token } = await signJwt({}, { audience: 'ticketrush-admission', subject: 'u1', ttlSeconds: 60 });
    expect(await reason(verifyJwt(token, { audience }))).toBe('invalid');
  });

  it('refuses an expired token', async () => {
    const { token } = await signJwt({}, { audience, subject: 'u1', ttlSeconds: 60, now: new Date(Date.now() - 3600_000) });
    expect(await reason(verifyJwt(token, { audience }))).toBe('expired');
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ sub: 'u1', jti: 'x' }).setIssuer('https://issuer.test').setAudience(audience).setExpirationTime('1h').encode();
    expect(await reason(verifyJwt(token, { audience }))).toBe('invalid');
  });

  it('refuses a tampered payload', async () => {
    const { token } = await signJwt({ role: 'USER' }, { audience, subject: 'u1', ttlSeconds: 60 });
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    expect(await reason(verifyJwt(`${h}.${forged}.${s}`, { audience }))).toBe('invalid');
  });

  it('refuses a token signed with HMAC under the same kid', async () => {
    const token = await new SignJWT({ sub: 'u1', jti: 'x' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .setIssuer('https://issuer.test').setAudience(audience).setExpirationTime('1h')
      .sign(new TextEncoder().encode('a-shared-secret-that-is-long-enough'));
    expect(await reason(verifyJwt(token, { audience }))).toBe('invalid');
  });

  it('refuses a token from another issuer', async () => {
    process.env.JWT_ISSUER = 'https://evil.test';
    resetConfigCache();
    const { token } = await signJwt({}, { audience, subject: 'u1', ttlSeconds: 60 });
    process.env.JWT_ISSUER = 'https://issuer.test';
    resetConfigCache();
    expect(await reason(verifyJwt(token, { audience }))).toBe('invalid');
  });

  it('refuses garbage', async () => {
    expect(await reason(verifyJwt('not.a.jwt', { audience }))).toBe('invalid');
  });
});
