import { dependencyUnavailable, unauthenticated } from '#domain/errors';
import { logger } from '#platform/logger';
import { decideRefresh, type RefreshRejection } from '#domain/auth/refresh-rotation';
import type { AuthDeps } from './deps';
import { mintRefreshToken, tokenPair, type TokenPair } from './issue-session';
import { hashRefreshToken } from './refresh-secret';

const MAX_PASSES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const REJECTION_MESSAGE: Record<RefreshRejection, string> = {
  unknown: 'Refresh token is not valid',
  expired: 'Refresh token has expired; sign in again',
  revoked: 'Refresh token has been revoked; sign in again',
};

/**
 * Spends a refresh token for a new pair. Role and tier are read from the user again, so a promotion takes
 * effect at the next refresh. Two requests racing with the same token: one rotates, the other then sees a
 * spent token and revokes the family — the strict reading of reuse detection, with no grace window.
 */
export async function refreshSession(deps: AuthDeps, refreshToken: string): Promise<TokenPair> {
  const hash = hashRefreshToken(refreshToken);
  // Another pass only when a concurrent request touched the token between our read and write: re-reading then
  // either finds it spent (reuse) or, after a transaction conflict, still active.
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    if (pass > 0) await sleep(20 + Math.random() * 60 * pass);
    const now = deps.clock.now();
    const { record, family } = await deps.refreshTokens.find(hash);
    const decision = decideRefresh(record, family, now);
    if (decision.action === 'reject') throw unauthenticated(REJECTION_MESSAGE[decision.reason]);
    if (decision.action === 'revoke-family') {
      await deps.refreshTokens.revokeFamily(decision.familyId, 'REUSE', now);
      logger.warn('refresh token reuse: family revoked', { familyId: decision.familyId, userId: record?.userId });
      throw unauthenticated('Refresh token was already used; every session of this login is revoked, sign in again');
    }
    const user = await deps.users.get(decision.record.userId);
    if (!user) throw unauthenticated('This account no longer exists');
    const next = mintRefreshToken(deps, user, decision.family.familyId, new Date(decision.family.startedAt));
    if ((await deps.refreshTokens.rotate(hash, next.record, now)) === 'rotated') return tokenPair(deps, user, next);
  }
  throw dependencyUnavailable('Token refresh');
}
