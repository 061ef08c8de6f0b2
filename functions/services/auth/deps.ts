import type { Clock } from '#platform/clock';
import type { Ids } from '#platform/ids';
import type { SocialProvider } from '#domain/auth/users';
import type { AccessDenylist, RefreshTokenStore, SocialLoginProvider, TokenCodec, UserStore } from './ports';

/** Everything the auth use cases need, supplied by the composition root (root.ts) or by a test. */
export interface AuthDeps {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  denylist: AccessDenylist;
  tokens: TokenCodec;
  socialProviders: Record<SocialProvider, SocialLoginProvider>;
  clock: Clock;
  ids: Ids;
  /** Read per call (config is memoised), so a test can switch the stage between cases. */
  settings: () => { stage: string; accessAudience: string };
}
