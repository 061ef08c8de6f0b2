import { dynamoAccessDenylist } from '#adapters/dynamo/auth/access-denylist';
import { jwtTokenCodec } from '#adapters/jwt/token-codec';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import type { AccessTokenVerifierDeps } from '#services/auth/authenticate';
import { denylistWithLastKnownAnswer } from '#services/auth/denylist-fallback';
import { lazy } from './lazy';

/** The authorizer's ports: verify a token and check the denylist; nothing that signs, no OAuth, no user store. */
export const realAccessTokenVerifierPorts = (): AccessTokenVerifierDeps => ({
  denylist: dynamoAccessDenylist,
  tokens: jwtTokenCodec,
  clock: systemClock,
  settings: () => {
    const c = config('STAGE', 'JWT_AUDIENCE');
    return { stage: c.STAGE, accessAudience: c.JWT_AUDIENCE };
  },
});

/** The authorizer's wiring: a token checked moments ago keeps its answer while the denylist is unreachable. */
export const accessTokenVerifier = lazy((): AccessTokenVerifierDeps => {
  const ports = realAccessTokenVerifierPorts();
  return { ...ports, denylist: denylistWithLastKnownAnswer(ports.denylist, ports.clock) };
});
