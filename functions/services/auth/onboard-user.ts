import type { Role, Tier } from '#domain/identity';
import type { IdentityProvider, User } from '#domain/auth/users';
import type { AuthDeps } from './deps';

/**
 * The account behind a provider identity: the linked user if there is one, otherwise a new user with the
 * identity linked in the same write (first login onboards; later logins reuse).
 */
export async function findOrOnboardUser(
  deps: AuthDeps,
  provider: IdentityProvider,
  providerUserId: string,
  newcomer: { nickname: string; role: Role; tier: Tier },
): Promise<{ user: User; created: boolean }> {
  const linked = await deps.users.findUserIdByIdentity(provider, providerUserId);
  if (linked) return { user: await existingUser(deps, linked), created: false };
  const candidate: User = { userId: deps.ids.next(), ...newcomer, providers: [provider], createdAt: deps.clock.now().toISOString() };
  const userId = await deps.users.createWithIdentity(candidate, { provider, providerUserId });
  return userId === candidate.userId ? { user: candidate, created: true } : { user: await existingUser(deps, userId), created: false };
}

async function existingUser(deps: AuthDeps, userId: string): Promise<User> {
  const user = await deps.users.get(userId);
  // An identity always points at a user written in the same transaction; a miss means the table was edited by hand.
  if (!user) throw new Error(`identity points at missing user ${userId}`);
  return user;
}
