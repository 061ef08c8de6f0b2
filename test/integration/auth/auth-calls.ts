import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { apiEvent, invoke, restAuthorizerEvent, type ApiEventInput } from '../../helpers/api-event';
import * as auth from '../../../functions/http/auth';
import { handler as authorizer } from '../../../functions/http/authorizer';
import type { TokenPair } from '#services/auth/issue-session';

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** A unique nickname per test, so tests sharing the table never meet. */
export const uniqueNickname = (base: string) => `${base}-${Math.random().toString(36).slice(2, 10)}`;

export async function devSignIn(body: unknown) {
  return invoke<TokenPair & { error?: { code: string; details?: { issues: { in: string; path: string }[] } } }>(
    auth.devSignIn,
    apiEvent({ method: 'POST', path: '/v1/auth/dev/sign-in', body }),
  );
}

export async function signedIn(nickname = uniqueNickname('fan'), extra: Record<string, string> = {}): Promise<TokenPair> {
  const res = await devSignIn({ nickname, ...extra });
  if (res.status !== 200) throw new Error(`dev sign-in failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function refresh(refreshToken: string) {
  return invoke<TokenPair & { error?: { code: string } }>(auth.refreshToken, apiEvent({ method: 'POST', path: '/v1/auth/token/refresh', body: { refreshToken } }));
}

/**
 * What the gateway does for a protected route: run the Lambda authorizer on the request, refuse with 401 if it
 * throws `Unauthorized`, otherwise call the handler with the authorizer's context attached.
 */
export async function callProtected<T = Record<string, unknown>>(handler: ProxyHandler, accessToken: string, input: ApiEventInput) {
  const headers = { authorization: `Bearer ${accessToken}`, ...input.headers };
  let context;
  try {
    context = (await authorizer(restAuthorizerEvent({ method: input.method, path: input.path ?? input.resource ?? "/", headers }))).context;
  } catch (e) {
    if ((e as Error).message === 'Unauthorized') return { status: 401, headers: {}, body: undefined as T };
    throw e;
  }
  return invoke<T>(handler, apiEvent({ ...input, headers, authorizer: context as Record<string, string | number> }));
}

export const me = (accessToken: string) => callProtected(auth.me, accessToken, { path: '/v1/auth/me' });

export const logout = (accessToken: string, body?: unknown) =>
  callProtected(auth.logout, accessToken, { method: 'POST', path: '/v1/auth/logout', body });
