import * as z from 'zod';
import { DomainError, dependencyUnavailable } from '#domain/errors';
import { logger } from '#platform/logger';
import type { SocialProvider } from '#domain/auth/users';

/**
 * The one way the OAuth adapters talk to a provider. Every call has a timeout; failures become the two errors a
 * client can act on: 401 (the provider refused the code or token — sign in again) or 503 (the provider is down,
 * slow or answering nonsense — try later). Nothing a provider does turns into a 500.
 */
export const DEFAULT_PROVIDER_TIMEOUT_MS = 5_000;

export interface ProviderOptions {
  timeoutMs?: number;
}

export const providerRejected = (provider: SocialProvider, reason: string) =>
  new DomainError('UNAUTHENTICATED', `${provider} refused the sign-in; start the login again`, { provider, reason });

const providerDown = (provider: SocialProvider, why: string) => {
  logger.warn('social provider unavailable', { provider, why });
  return dependencyUnavailable(`${provider} login`, 2);
};

export interface ProviderResponse {
  status: number;
  body: unknown;
}

export async function callProvider(provider: SocialProvider, url: string, init: RequestInit, timeoutMs: number): Promise<ProviderResponse> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (e) {
    throw providerDown(provider, e instanceof Error ? e.name : 'network error');
  }
  if (response.status >= 500) throw providerDown(provider, `HTTP ${response.status}`);
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    throw providerDown(provider, `non-JSON answer with HTTP ${response.status}`);
  }
}

/** Parses a successful provider answer; a shape we do not understand is the provider's fault, so 503. */
export function expectShape<S extends z.ZodType>(provider: SocialProvider, schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw providerDown(provider, `unexpected ${what} shape`);
  return parsed.data;
}

/** OAuth error bodies (`{error, error_description}`) name why a code was refused. */
export const oauthErrorReason = (body: unknown): string => {
  const b = body as { error?: unknown; error_description?: unknown } | null;
  return typeof b?.error === 'string' ? b.error : 'rejected';
};

/**
 * Reading a profile is idempotent, so one jittered retry rides out a blip. The code exchange is never retried:
 * codes are single-use, and a retry after a lost answer would only be refused.
 */
export async function retryOnceIfUnavailable<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!(e instanceof DomainError) || e.code !== 'DEPENDENCY_UNAVAILABLE') throw e;
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    return call();
  }
}

export const formBody = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json' },
  body: new URLSearchParams(fields).toString(),
});

export const withQuery = (base: string, path: string, query: Record<string, string>) =>
  `${base.replace(/\/+$/, '')}${path}?${new URLSearchParams(query).toString()}`;
