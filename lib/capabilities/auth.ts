import type { Capability } from './types';

/**
 * Sign-in, token refresh and logout, the current user, and Kakao/Naver login. The Lambda authorizer that guards
 * every `user`/`admin` route is `http/authorizer.handler` (lib/routes.ts); it reads the denylist (`tableRead`) and
 * verifies with the public keys only (`jwtVerify`). Only routes that sign tokens get the private keys (`jwtKeys`).
 */
export const auth: Capability = {
  name: 'auth',
  routes: [
    { method: 'POST', path: '/v1/auth/dev/sign-in', handler: 'http/auth.devSignIn', auth: 'public', needs: ['table', 'jwtKeys', 'redis'], stage: 'local-only' },
    { method: 'POST', path: '/v1/auth/token/refresh', handler: 'http/auth.refreshToken', auth: 'public', needs: ['table', 'jwtKeys', 'redis'] },
    { method: 'POST', path: '/v1/auth/logout', handler: 'http/auth.logout', auth: 'user', needs: ['table', 'jwtVerify'], freshAuth: true },
    { method: 'GET', path: '/v1/auth/me', handler: 'http/auth.me', auth: 'user', needs: ['tableRead'] },
    { method: 'GET', path: '/v1/auth/social/{provider}/authorize-url', handler: 'http/auth.socialAuthorizeUrl', auth: 'public', needs: ['oauth'] },
    { method: 'POST', path: '/v1/auth/social/{provider}/exchange', handler: 'http/auth.socialExchange', auth: 'public', needs: ['table', 'jwtKeys', 'oauth'] },
  ],
  schedules: [
    // Adds, activates and retires ES256 signing keys (functions/workers/rotate-jwt-keys.ts); a no-op most minutes.
    { id: 'JwtKeyRotation', handler: 'workers/rotate-jwt-keys.handler', needs: ['jwtKeyRotation'], localIntervalMs: 3_600_000, timeoutSeconds: 30 },
  ],
};
