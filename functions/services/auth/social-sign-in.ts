import { randomBytes } from 'node:crypto';
import { nicknameForSocialUser, type SocialProvider } from '#domain/auth/users';
import type { AuthDeps } from './deps';
import { findOrOnboardUser } from './onboard-user';
import { startSession, type TokenPair } from './issue-session';

/**
 * The URL the browser is sent to. `state` is the client's CSRF guard: it keeps the value and compares it with the
 * one the provider sends back to its redirect URI before calling exchange. When the client sends none, a random
 * one is made and returned for it to keep.
 */
export async function socialAuthorizeUrl(deps: AuthDeps, provider: SocialProvider, input: { redirectUri: string; state?: string }) {
  const state = input.state ?? randomBytes(16).toString('base64url');
  return { url: await deps.socialProviders[provider].authorizeUrl({ redirectUri: input.redirectUri, state }), state };
}

/** Trades the provider's code for a session; the first login with a provider account creates the user. */
export async function socialExchange(
  deps: AuthDeps,
  provider: SocialProvider,
  input: { code: string; state: string; redirectUri: string },
): Promise<TokenPair> {
  const profile = await deps.socialProviders[provider].exchange(input);
  const { user } = await findOrOnboardUser(deps, provider, profile.providerUserId, {
    nickname: nicknameForSocialUser(provider, profile.providerUserId, profile.nickname),
    role: 'USER',
    tier: 'BASIC',
  });
  return startSession(deps, user);
}
