import type { Principal } from '#domain/identity';
import { principalFromClaims } from '#domain/auth/tokens';
import type { AuthDeps } from './deps';
import { hashRefreshToken } from './refresh-secret';

export interface LogoutInput {
  principal: Principal;
  /** The bearer token of the request: its `fid` claim names the refresh family to revoke. */
  accessToken?: string;
  /** Optional: a refresh token of the caller's, whose family is revoked too. */
  refreshToken?: string;
}

/**
 * Denies the access token's jti until it expires and revokes the refresh family. The family is found from the
 * access token's `fid` claim, so a client that lost its refresh token can still end the session; a refresh
 * token in the body is honoured only if it belongs to the caller. Logging out twice is harmless.
 */
export async function logout(deps: AuthDeps, input: LogoutInput): Promise<void> {
  const now = deps.clock.now();
  const { principal } = input;
  await deps.denylist.deny(principal.jti, principal.userId, principal.tokenExpiresAt);
  const families = new Set<string>();
  const fromAccess = input.accessToken ? await familyOfAccessToken(deps, input.accessToken, principal) : undefined;
  if (fromAccess) families.add(fromAccess);
  if (input.refreshToken) {
    const { record } = await deps.refreshTokens.find(hashRefreshToken(input.refreshToken));
    if (record?.userId === principal.userId) families.add(record.familyId);
  }
  for (const familyId of families) await deps.refreshTokens.revokeFamily(familyId, 'LOGOUT', now);
}

async function familyOfAccessToken(deps: AuthDeps, token: string, principal: Principal): Promise<string | undefined> {
  const verified = await deps.tokens.verify(token, { audience: deps.settings().accessAudience, now: deps.clock.now() });
  // Refused only if it expired between the authorizer and here: the jti is denied anyway.
  if (!verified.ok) return undefined;
  const claims = principalFromClaims(verified.claims);
  return claims?.jti === principal.jti ? claims.familyId : undefined;
}
