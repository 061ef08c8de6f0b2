import * as z from 'zod';
import { httpHandler, noContent, Reply } from '#platform/http';
import { notFound, validationFailed } from '#domain/errors';
import { ROLES, TIERS } from '#domain/identity';
import { NICKNAME_MAX_LENGTH, SOCIAL_PROVIDERS } from '#domain/auth/users';
import { authUseCases } from '#composition/auth';
import { authAttempt } from '#services/abuse/attempts';
import { abuse } from '#composition/abuse';
import { devSignIn as devSignInService } from '#services/auth/dev-sign-in';
import { refreshSession } from '#services/auth/refresh-session';
import { logout as logoutService } from '#services/auth/logout';
import { getMe } from '#services/auth/get-me';
import { socialAuthorizeUrl as authorizeUrlService, socialExchange as exchangeService } from '#services/auth/social-sign-in';
import { clearRefreshCookie, refreshCookieOf, sessionReply, wantsCookie } from './refresh-cookie';

const refreshTokenField = z.string().min(1).max(512);
const redirectUri = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const providerParams = z.object({ provider: z.enum(SOCIAL_PROVIDERS) });

const devSignInBody = z.object({
  nickname: z
    .string()
    .trim()
    .min(1)
    .max(NICKNAME_MAX_LENGTH)
    .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters'),
  role: z.enum(ROLES).optional(),
  tier: z.enum(TIERS).optional(),
});

/**
 * POST /v1/auth/dev/sign-in (local stage only). The body is validated after the stage check, so other stages
 * answer 404 whatever is sent and do not reveal that the route exists.
 */
export const devSignIn = httpHandler({ auth: 'public', body: z.unknown() }, async (req) => {
  if (authUseCases().settings().stage !== 'local') throw notFound('Route');
  const parsed = devSignInBody.safeParse(req.body);
  if (!parsed.success) throw validationFailed(parsed.error.issues.map((i) => ({ in: 'body', path: i.path.map(String).join('.'), message: i.message })));
  return abuse().guard(authAttempt('SIGN_IN', req), async () => sessionReply(req, await devSignInService(authUseCases(), parsed.data)));
});

/** POST /v1/auth/token/refresh — the token from the body, or in cookie mode (refresh-cookie.ts) from the cookie. */
export const refreshToken = httpHandler({ auth: 'public', body: z.object({ refreshToken: refreshTokenField.optional() }).optional() }, (req) => {
  const token = req.body?.refreshToken ?? (wantsCookie(req.headers) ? refreshCookieOf(req.headers) : undefined);
  if (!token) throw validationFailed([{ in: 'body', path: 'refreshToken', message: 'Required (or the refresh cookie with X-Refresh-Cookie: 1)' }]);
  return abuse().guard(authAttempt('REFRESH', req), async () => sessionReply(req, await refreshSession(authUseCases(), token)));
});

/** POST /v1/auth/logout — the body (`{refreshToken?}`) is optional. */
export const logout = httpHandler({ auth: 'user', body: z.object({ refreshToken: refreshTokenField.optional() }).optional() }, async (req) => {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const cookieMode = wantsCookie(req.headers);
  const refreshToken = req.body?.refreshToken ?? (cookieMode ? refreshCookieOf(req.headers) : undefined);
  await logoutService(authUseCases(), { principal: req.principal, accessToken: bearer, refreshToken });
  return cookieMode ? new Reply(204, undefined, clearRefreshCookie(req.event)) : noContent();
});

/** GET /v1/auth/me */
export const me = httpHandler({ auth: 'user' }, (req) => getMe(authUseCases(), req.principal));

/** GET /v1/auth/social/{provider}/authorize-url?redirectUri=&state= */
export const socialAuthorizeUrl = httpHandler(
  { auth: 'public', params: providerParams, query: z.object({ redirectUri, state: z.string().min(1).max(512).optional() }) },
  async (req) => authorizeUrlService(authUseCases(), req.params.provider, req.query),
);

/** POST /v1/auth/social/{provider}/exchange */
export const socialExchange = httpHandler(
  {
    auth: 'public',
    params: providerParams,
    body: z.object({ code: z.string().min(1).max(2048), state: z.string().min(1).max(512), redirectUri }),
  },
  async (req) => sessionReply(req, await exchangeService(authUseCases(), req.params.provider, req.body)),
);
