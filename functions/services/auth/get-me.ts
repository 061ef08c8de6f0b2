import { unauthenticated } from '#domain/errors';
import type { Principal } from '#domain/identity';
import { toUserView, type UserView } from '#domain/auth/users';
import type { AuthDeps } from './deps';

export async function getMe(deps: AuthDeps, principal: Principal): Promise<UserView> {
  const user = await deps.users.get(principal.userId);
  if (!user) throw unauthenticated('This account no longer exists');
  return toUserView(user);
}
