import { describe, expect, it } from 'vitest';
import { REFRESH_TOKEN_BYTES, hashRefreshToken, newRefreshToken } from '#services/auth/refresh-secret';

describe('refresh token secrets', () => {
  it('carries at least 256 random bits and differs every time', () => {
    expect(REFRESH_TOKEN_BYTES * 8).toBeGreaterThanOrEqual(256);
    const tokens = new Set(Array.from({ length: 1000 }, newRefreshToken));
    expect(tokens.size).toBe(1000);
    const [one] = tokens;
    expect(Buffer.from(one!.slice(3), 'base64url')).toHaveLength(REFRESH_TOKEN_BYTES);
  });

  it('is stored as its SHA-256 hash, which cannot be mistaken for the token', () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toContain(token.slice(3, 20));
  });
});
