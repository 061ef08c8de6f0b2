import { DomainError, dependencyUnavailable } from './errors';

/**
 * The one place that decides whether an error means "a dependency is down, slow or throttling us" — which a client
 * should retry later (503 DEPENDENCY_UNAVAILABLE + Retry-After) — as opposed to a defect (500) or a business answer.
 * The platform's error mapping (http.ts, ws.ts, the authorizer) applies it, so every route gets it without each
 * adapter wrapping its client. Shapes covered, each pinned by a unit test:
 * - AWS SDK v3 (DynamoDB, SQS, Step Functions, EventBridge, @connections): throttling exceptions by name or by HTTP
 *   429 (a quota named LimitExceededException is throttling only for @connections, which answers it with 429), 5xx
 *   service faults, the smithy handler's connect/request timeouts (`TimeoutError`), aborted requests, Node socket errors;
 * - ioredis: "Command timed out", a closed or unwritable connection, retries exhausted, Redis replies that mean the
 *   server cannot serve yet (LOADING, BUSY, MASTERDOWN, CLUSTERDOWN, TRYAGAIN), Node socket errors.
 */
export type DependencyFailure = 'throttled' | 'timeout' | 'connection' | 'unavailable';

export interface Classified {
  failure: DependencyFailure;
  /** Which dependency, when the client tagged the error (see `tagDependency`). */
  dependency?: string;
  retryAfterSeconds: number;
}

const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'AWS.SimpleQueueService.RequestThrottled',
  'KmsThrottled',
  'SlowDown',
]);
const SERVICE_FAULTS = new Set(['InternalServerError', 'InternalFailure', 'InternalException', 'ServiceUnavailable', 'ServiceUnavailableException']);
const TIMEOUTS = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'ETIMEDOUT']);
const REDIS_NOT_SERVING = /^(LOADING|BUSY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN)\b/;
const REDIS_CONNECTION = [/^Connection is closed/, /^Stream isn't writeable/, /^Reached the max retries per request limit/];

const RETRY_AFTER: Record<DependencyFailure, number> = { throttled: 1, timeout: 2, connection: 2, unavailable: 2 };

const TAG = Symbol.for('ticketrush.dependency');

/** Marks an error with the dependency that raised it, so the 503 can name it. */
export function tagDependency(error: unknown, dependency: string): unknown {
  if (error && typeof error === 'object' && !(TAG in error)) Object.defineProperty(error, TAG, { value: dependency });
  return error;
}

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $fault?: unknown;
  $retryable?: { throttling?: boolean };
  cause?: unknown;
  [TAG]?: string;
}

function classifyOne(e: ErrorShape): DependencyFailure | undefined {
  const name = String(e.name ?? '');
  const code = String(e.code ?? '');
  const message = String(e.message ?? '');
  if (THROTTLED.has(name) || THROTTLED.has(code) || e.$retryable?.throttling || e.$metadata?.httpStatusCode === 429) return 'throttled';
  if (TIMEOUTS.has(name) || message === 'Command timed out') return 'timeout';
  if (SOCKET_CODES.has(code) || SOCKET_CODES.has(name) || name === 'MaxRetriesPerRequestError') return 'connection';
  if (REDIS_CONNECTION.some((re) => re.test(message))) return 'connection';
  if (name === 'ReplyError' && REDIS_NOT_SERVING.test(message)) return 'unavailable';
  if (SERVICE_FAULTS.has(name)) return 'unavailable';
  const status = e.$metadata?.httpStatusCode;
  if (e.$fault === 'server' && status !== undefined && status >= 500) return 'unavailable';
  return undefined;
}

/** Classifies `error` (or the error it wraps) as a dependency failure, or `undefined` if it is something else. */
export function classifyDependencyError(error: unknown): Classified | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 3 && current && typeof current === 'object'; depth++) {
    const shape = current as ErrorShape;
    const failure = classifyOne(shape);
    if (failure) return { failure, dependency: (error as ErrorShape)[TAG] ?? shape[TAG], retryAfterSeconds: RETRY_AFTER[failure] };
    current = shape.cause;
  }
  return undefined;
}

/**
 * The error a client sees: domain errors pass through; a dependency failure becomes 503 DEPENDENCY_UNAVAILABLE with
 * Retry-After; anything else is returned unchanged (the caller maps it to a generic 500).
 */
export function asClientError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  const classified = classifyDependencyError(error);
  if (!classified) return error;
  return dependencyUnavailable(classified.dependency ?? 'A dependency', classified.retryAfterSeconds);
}

export const isDependencyFailure = (error: unknown): boolean =>
  (error instanceof DomainError && error.code === 'DEPENDENCY_UNAVAILABLE') || classifyDependencyError(error) !== undefined;
