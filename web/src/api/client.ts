import createClient from 'openapi-fetch';
import { config } from './config';
import { apiErrorFrom } from './errors';
import { freshToken } from './session';
import type { paths } from './schema';

/**
 * The typed API client: paths, parameters and bodies come from docs/openapi.json through openapi-typescript
 * (`npm run web:api`), requests go through openapi-fetch. The fetch underneath adds the bearer token and, on a 401,
 * refreshes once (across tabs, see session.ts) and replays the request.
 */
async function authedFetch(request: Request): Promise<Response> {
  const replay = request.clone();
  const token = await freshToken();
  if (token) request.headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(request);
  if (response.status !== 401 || !token) return response;
  const next = await freshToken(token);
  if (!next) return response;
  replay.headers.set('authorization', `Bearer ${next}`);
  return fetch(replay);
}

let client: ReturnType<typeof createClient<paths>> | undefined;

export function api() {
  client ??= createClient<paths>({ baseUrl: config().apiUrl.replace(/\/v1\/?$/, ''), fetch: authedFetch, credentials: 'include' });
  return client;
}

/** Unwraps an openapi-fetch answer: the body typed as `T` (most success bodies are not schematized yet), or an ApiError. */
export async function ok<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw await apiErrorFrom(new Response(JSON.stringify(error ?? {}), { status: response.status, headers: response.headers }));
  }
  return data as T;
}

/** A conditional GET (layout, availability) through the same fetch: `If-None-Match` in, 304 and 404 as statuses, the ETag out. */
export async function getUntyped<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body?: T; etag?: string }> {
  const response = await authedFetch(new Request(`${config().apiUrl}${path}`, init));
  if (response.status === 304 || response.status === 404) return { status: response.status };
  if (!response.ok) throw await apiErrorFrom(response);
  return { status: response.status, body: (await response.json()) as T, etag: response.headers.get('etag') ?? undefined };
}
