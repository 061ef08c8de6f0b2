import { ulids } from '#platform/ids';
import { dynamoUserStore } from '#adapters/dynamo/auth/users';
import { dynamoRefreshTokenStore } from '#adapters/dynamo/auth/refresh-tokens';
import { kakaoProvider } from '#adapters/oauth/kakao';
import { naverProvider } from '#adapters/oauth/naver';
import type { AuthDeps } from '#services/auth/deps';
import { realAccessTokenVerifierPorts } from './authorizer';
import { lazy } from './lazy';

/** The auth use cases' production ports; tests pass overrides for the ones they replace. */
export function authDeps(overrides: Partial<AuthDeps> = {}): AuthDeps {
  return {
    ...realAccessTokenVerifierPorts(),
    users: dynamoUserStore,
    refreshTokens: dynamoRefreshTokenStore,
    socialProviders: { kakao: kakaoProvider(), naver: naverProvider() },
    ids: ulids,
    ...overrides,
  };
}

export const authUseCases = lazy(() => authDeps());
