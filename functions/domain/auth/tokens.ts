import { ROLES, TIERS, type Principal, type Role, type Tier } from '../identity';

/** Access tokens are short so a stolen one is worth little; refresh tokens carry the session. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
/** A rotation family cannot be kept alive forever by refreshing: after this the user signs in again. */
export const REFRESH_FAMILY_MAX_LIFETIME_SECONDS = 90 * 24 * 60 * 60;

/** Claims an access token carries besides the registered ones (sub, iss, aud, exp, iat, jti). */
export interface AccessClaims {
  role: Role;
  tier: Tier;
  /** The refresh family this access token was issued with, so logout can revoke it without the refresh token. */
  fid: string;
}

/** A refresh token expires 14 days after issue, but never after its family's absolute lifetime. */
export function refreshTokenExpiry(now: Date, familyStartedAt: Date): Date {
  const sliding = now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000;
  const absolute = familyStartedAt.getTime() + REFRESH_FAMILY_MAX_LIFETIME_SECONDS * 1000;
  return new Date(Math.min(sliding, absolute));
}

/**
 * Turns a verified access token payload into the caller's identity, or undefined when a claim is missing or
 * out of range (a token we signed with an older claim set, or one forged under a leaked key, is refused).
 */
export function principalFromClaims(payload: Record<string, unknown>): (Principal & { familyId?: string }) | undefined {
  const { sub, role, tier, jti, exp, fid } = payload;
  if (typeof sub !== 'string' || !sub || typeof jti !== 'string' || !jti || typeof exp !== 'number') return undefined;
  if (!ROLES.includes(role as Role) || !TIERS.includes(tier as Tier)) return undefined;
  return {
    userId: sub,
    role: role as Role,
    tier: tier as Tier,
    jti,
    tokenExpiresAt: exp,
    ...(typeof fid === 'string' ? { familyId: fid } : {}),
  };
}
