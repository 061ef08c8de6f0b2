import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  REFRESH_FAMILY_MAX_LIFETIME_SECONDS,
  REFRESH_TOKEN_TTL_SECONDS,
  principalFromClaims,
  refreshTokenExpiry,
} from '#domain/auth/tokens';

const at = (iso: string) => new Date(iso);

describe('token lifetimes', () => {
  it('gives access tokens 15 minutes and refresh tokens 14 days', () => {
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(REFRESH_TOKEN_TTL_SECONDS).toBe(14 * 86_400);
  });

  it('slides a refresh token 14 days from its issue', () => {
    const started = at('2026-12-01T00:00:00.000Z');
    expect(refreshTokenExpiry(at('2026-12-05T00:00:00.000Z'), started).toISOString()).toBe('2026-12-19T00:00:00.000Z');
  });

  it('never lets a refresh token outlive its family’s absolute lifetime', () => {
    const started = at('2026-12-01T00:00:00.000Z');
    const late = new Date(started.getTime() + (REFRESH_FAMILY_MAX_LIFETIME_SECONDS - 86_400) * 1000);
    expect(refreshTokenExpiry(late, started).getTime()).toBe(started.getTime() + REFRESH_FAMILY_MAX_LIFETIME_SECONDS * 1000);
  });
});

describe('the principal carried by access-token claims', () => {
  const claims = { sub: 'u1', role: 'ADMIN', tier: 'VIP', jti: 'j1', exp: 1_800_000_000, fid: 'f1' };

  it('reads user, role, tier, jti, expiry and family', () => {
    expect(principalFromClaims(claims)).toEqual({ userId: 'u1', role: 'ADMIN', tier: 'VIP', jti: 'j1', tokenExpiresAt: 1_800_000_000, familyId: 'f1' });
  });

  it.each([
    ['an unknown role', { role: 'ROOT' }],
    ['an unknown tier', { tier: 'PLATINUM' }],
    ['no subject', { sub: undefined }],
    ['an empty jti', { jti: '' }],
    ['a string expiry', { exp: '1800000000' }],
  ])('refuses %s', (_what, change) => {
    expect(principalFromClaims({ ...claims, ...change })).toBeUndefined();
  });
});
