import { epochSeconds } from '#platform/clock';
import { ACCESS_TOKEN_TTL_SECONDS, refreshTokenExpiry, type AccessClaims } from '#domain/auth/tokens';
import { toUserView, type User, type UserView } from '#domain/auth/users';
import type { RefreshTokenRecord } from '#domain/auth/refresh-rotation';
import type { AuthDeps } from './deps';
import { hashRefreshToken, newRefreshToken } from './refresh-secret';

/** The token pair of api.md. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  accessTokenExpiresInSeconds: number;
  refreshTokenExpiresInSeconds: number;
  user: UserView;
}

/** Mints the next refresh token of a family; the caller stores it (startFamily or rotate). */
export function mintRefreshToken(deps: AuthDeps, user: User, familyId: string, familyStartedAt: Date) {
  const now = deps.clock.now();
  const token = newRefreshToken();
  const record: RefreshTokenRecord = {
    tokenHash: hashRefreshToken(token),
    familyId,
    userId: user.userId,
    status: 'ACTIVE',
    issuedAt: now.toISOString(),
    expiresAt: refreshTokenExpiry(now, familyStartedAt).toISOString(),
  };
  return { token, record };
}

export async function tokenPair(deps: AuthDeps, user: User, refresh: { token: string; record: RefreshTokenRecord }): Promise<TokenPair> {
  const now = deps.clock.now();
  const claims: AccessClaims = { role: user.role, tier: user.tier, fid: refresh.record.familyId };
  const access = await deps.tokens.sign({ ...claims }, { audience: deps.settings().accessAudience, subject: user.userId, ttlSeconds: ACCESS_TOKEN_TTL_SECONDS, now });
  return {
    accessToken: access.token,
    refreshToken: refresh.token,
    tokenType: 'Bearer',
    accessTokenExpiresInSeconds: ACCESS_TOKEN_TTL_SECONDS,
    // From the refresh token's own issue instant, so the figure does not depend on how long the store write took.
    refreshTokenExpiresInSeconds: epochSeconds(new Date(refresh.record.expiresAt)) - epochSeconds(new Date(refresh.record.issuedAt)),
    user: toUserView(user),
  };
}

/** A fresh sign-in: a new rotation family with its first refresh token, and an access token. */
export async function startSession(deps: AuthDeps, user: User): Promise<TokenPair> {
  const now = deps.clock.now();
  const familyId = deps.ids.next();
  const refresh = mintRefreshToken(deps, user, familyId, now);
  await deps.refreshTokens.startFamily({ familyId, userId: user.userId, status: 'ACTIVE', startedAt: now.toISOString() }, refresh.record);
  return tokenPair(deps, user, refresh);
}
