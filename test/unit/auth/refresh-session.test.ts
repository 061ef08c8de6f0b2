import { describe, expect, it, vi } from 'vitest';
import { ManualClock } from '#platform/clock';
import { refreshSession } from '#services/auth/refresh-session';
import { hashRefreshToken } from '#services/auth/refresh-secret';
import type { AuthDeps } from '#services/auth/deps';
import type { RefreshTokenStore } from '#services/auth/ports';

const clock = new ManualClock(new Date('2026-12-01T00:00:00.000Z'));
const presented = 'rt_presented';
const active = {
  record: { tokenHash: hashRefreshToken(presented), familyId: 'f1', userId: 'u1', status: 'ACTIVE' as const, issuedAt: '2026-11-30T00:00:00.000Z', expiresAt: '2026-12-10T00:00:00.000Z' },
  family: { familyId: 'f1', userId: 'u1', status: 'ACTIVE' as const, startedAt: '2026-11-30T00:00:00.000Z' },
};

function depsWith(rotations: ('rotated' | 'spent' | 'busy')[]) {
  const store: RefreshTokenStore = {
    startFamily: vi.fn(),
    find: vi.fn(async () => active),
    rotate: vi.fn(async () => rotations.shift() ?? 'busy'),
    revokeFamily: vi.fn(),
  };
  const deps = {
    refreshTokens: store,
    users: { get: async () => ({ userId: 'u1', nickname: 'n', role: 'USER', tier: 'BASIC', providers: ['dev'], createdAt: '' }) },
    tokens: { sign: async () => ({ token: 'access', jti: 'j', expiresAt: 0 }) },
    clock,
    settings: () => ({ stage: 'local', accessAudience: 'ticketrush-api' }),
  } as unknown as AuthDeps;
  return { deps, store };
}

describe('refreshing when another transaction gets in the way', () => {
  it('re-reads and retries after a transaction conflict', async () => {
    const { deps, store } = depsWith(['busy', 'rotated']);
    const pair = await refreshSession(deps, presented);
    expect(pair.accessToken).toBe('access');
    expect(store.find).toHaveBeenCalledTimes(2);
    expect(store.revokeFamily).not.toHaveBeenCalled();
  });

  it('gives up with 503 after a bounded number of conflicts, revoking nothing', async () => {
    const { deps, store } = depsWith([]);
    await expect(refreshSession(deps, presented)).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
    expect(store.rotate).toHaveBeenCalledTimes(3);
    expect(store.revokeFamily).not.toHaveBeenCalled();
  });

  it('stores the next token in the same family, 14 days out, and never the raw token', async () => {
    const { deps, store } = depsWith(['rotated']);
    const pair = await refreshSession(deps, presented);
    const [oldHash, next] = vi.mocked(store.rotate).mock.calls[0]!;
    expect(oldHash).toBe(hashRefreshToken(presented));
    expect(next).toMatchObject({ familyId: 'f1', userId: 'u1', status: 'ACTIVE', tokenHash: hashRefreshToken(pair.refreshToken), expiresAt: '2026-12-15T00:00:00.000Z' });
    expect(JSON.stringify(next)).not.toContain(pair.refreshToken);
  });
});
