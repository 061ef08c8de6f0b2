import { unauthenticated } from '#domain/errors';
import type { Principal } from '#domain/identity';
import { principalFromClaims } from '#domain/auth/tokens';
import type { AuthDeps } from './deps';

/** What checking an access token needs: the authorizer is wired with only these (no OAuth, no user store). */
export type AccessTokenVerifierDeps = Pick<AuthDeps, 'tokens' | 'denylist' | 'clock' | 'settings'>;

/** Who holds this access token: verified signature, issuer, audience and expiry, known claims, not logged out. */
export async function authenticateAccessToken(deps: AccessTokenVerifierDeps, token: string): Promise<Principal> {
  const verified = await deps.tokens.verify(token, { audience: deps.settings().accessAudience, now: deps.clock.now() });
  if (!verified.ok) throw unauthenticated(verified.reason === 'expired' ? 'Access token expired' : 'Access token is not valid');
  const claims = principalFromClaims(verified.claims);
  if (!claims) throw unauthenticated('Access token is not valid');
  if (await deps.denylist.isDenied(claims.jti)) throw unauthenticated('Access token has been revoked');
  const { userId, role, tier, jti, tokenExpiresAt } = claims;
  return { userId, role, tier, jti, tokenExpiresAt };
}
