import { config } from '#platform/config';
import { systemClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { dynamoUserStore } from '#adapters/dynamo/auth/users';
import { dynamoRefreshTokenStore } from '#adapters/dynamo/auth/refresh-tokens';
import { dynamoAccessDenylist } from '#adapters/dynamo/auth/access-denylist';
import { jwtTokenCodec } from '#adapters/jwt/token-codec';
import { kakaoProvider } from '#adapters/oauth/kakao';
import { naverProvider } from '#adapters/oauth/naver';
import type { AuthDeps } from './deps';

/** The composition root: production adapters for the auth use cases. Tests pass overrides. */
export function authDeps(overrides: Partial<AuthDeps> = {}): AuthDeps {
  return {
    users: dynamoUserStore,
    refreshTokens: dynamoRefreshTokenStore,
    denylist: dynamoAccessDenylist,
    tokens: jwtTokenCodec,
    socialProviders: { kakao: kakaoProvider(), naver: naverProvider() },
    clock: systemClock,
    ids: ulids,
    settings: () => {
      const c = config('STAGE', 'JWT_AUDIENCE');
      return { stage: c.STAGE, accessAudience: c.JWT_AUDIENCE };
    },
    ...overrides,
  };
}
