import { notFound } from '#domain/errors';
import type { Role, Tier } from '#domain/identity';
import { DEV_PROVIDER, normalizeNickname } from '#domain/auth/users';
import type { AuthDeps } from './deps';
import { findOrOnboardUser } from './onboard-user';
import { startSession, type TokenPair } from './issue-session';

export interface DevSignInInput {
  nickname: string;
  role?: Role;
  tier?: Tier;
}

/**
 * Local-stage sign-in without a provider. The nickname is the account: the same nickname signs in as the same
 * user (linked as identity `dev/<nickname>`). A role or tier in the request is applied to that user, so a
 * developer can turn an account into an ADMIN or a VIP; omitted ones keep the user's current values
 * (USER/BASIC for a new user).
 */
export async function devSignIn(deps: AuthDeps, input: DevSignInInput): Promise<TokenPair> {
  // The route is not deployed outside local, but the handler refuses on its own too: a wrong deploy must not open it.
  if (deps.settings().stage !== 'local') throw notFound('Route');
  const nickname = normalizeNickname(input.nickname);
  const { user, created } = await findOrOnboardUser(deps, DEV_PROVIDER, nickname, {
    nickname,
    role: input.role ?? 'USER',
    tier: input.tier ?? 'BASIC',
  });
  const role = input.role ?? user.role;
  const tier = input.tier ?? user.tier;
  const current = created || (role === user.role && tier === user.tier) ? user : await deps.users.updateRoleAndTier(user.userId, role, tier, deps.clock.now());
  return startSession(deps, current);
}
