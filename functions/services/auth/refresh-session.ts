import { unauthenticated } from '#platform/errors';
import { logger } from '#platform/logger';
import { decideRefresh, type RefreshRejection } from '#domain/auth/refresh-rotation';
import type { AuthDeps } from './deps';
import { mintRefreshToken, tokenPair, type TokenPair } from './issue-session';
import { hashRefreshToken } from './refresh-secret';

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
  // Two passes: the second only runs when a concurrent request changed the token between our read and write.
  for (let pass = 0; pass < 2; pass++) {
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
    if (await deps.refreshTokens.rotate(hash, next.record, now)) return tokenPair(deps, user, next);
  }
  throw unauthenticated(REJECTION_MESSAGE.revoked);
}
