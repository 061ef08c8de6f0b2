import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Reply } from '#platform/http';
import type { TokenPair } from '#services/auth/issue-session';

/**
 * Browser sessions keep the refresh token out of JavaScript's reach. A request that sends `X-Refresh-Cookie: 1` gets
 * the refresh token in an `HttpOnly; Secure; SameSite=Strict` cookie scoped to the auth routes, and a JSON body
 * without it; the refresh and logout routes then read it from that cookie. Requests without the header keep the
 * JSON contract of api.md (API clients, tests). The custom header also means a cross-site form cannot trigger it.
 */
export const REFRESH_COOKIE = 'tr_refresh';

export const wantsCookie = (headers: Record<string, string>) => headers['x-refresh-cookie'] === '1';

export function refreshCookieOf(headers: Record<string, string>): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE && value.length) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The auth routes' path as the browser sees it, so the cookie reaches refresh and logout and nothing else:
 * `/<stage>/v1/auth` on the execute-api domain (whose URLs carry the stage), `/v1/auth` on a custom domain or locally.
 */
function authPath(event: APIGatewayProxyEvent): string {
  const viaExecuteApi = event.requestContext?.domainName?.includes('.execute-api.') ?? false;
  const path = (viaExecuteApi ? event.requestContext.path : event.path) ?? '';
  const at = path.indexOf('/auth/');
  return at >= 0 ? path.slice(0, at + '/auth'.length) : '/v1/auth';
}

const cookie = (event: APIGatewayProxyEvent, value: string, maxAgeSeconds: number) =>
  `${REFRESH_COOKIE}=${encodeURIComponent(value)}; Path=${authPath(event)}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Strict`;

/** A sign-in or refresh answer: the pair as api.md has it, or in cookie mode the pair minus the refresh token. */
export function sessionReply(req: { headers: Record<string, string>; event: APIGatewayProxyEvent }, pair: TokenPair): TokenPair | Reply {
  if (!wantsCookie(req.headers)) return pair;
  const { refreshToken, ...body } = pair;
  return new Reply(200, body, { 'set-cookie': cookie(req.event, refreshToken, pair.refreshTokenExpiresInSeconds) });
}

export const clearRefreshCookie = (event: APIGatewayProxyEvent) => ({ 'set-cookie': cookie(event, '', 0) });
