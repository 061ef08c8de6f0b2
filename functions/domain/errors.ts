/**
 * Errors the domain and the services throw: a code from api.md, a message, optional details — and no HTTP status.
 * The platform owns the code → status table (functions/platform/errors.ts) and decides what a client may see: a
 * 4xx carries this message and details; a 5xx only a generic message and the request id.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_ADMITTED'
  | 'PRESALE_TIER_REQUIRED'
  | 'CHALLENGE_REQUIRED'
  | 'NOT_FOUND'
  | 'SEAT_UNAVAILABLE'
  | 'LIMIT_EXCEEDED'
  | 'SALE_NOT_OPEN'
  | 'INVALID_TRANSITION'
  | 'QUEUE_FULL'
  | 'IDEMPOTENCY_CONFLICT'
  | 'REFUND_WINDOW_CLOSED'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'ABUSE_BLOCKED'
  | 'DEPENDENCY_UNAVAILABLE'
  | 'INTERNAL';

export interface ValidationIssue {
  /** Where the bad value was: the JSON body, the query string, the path or a header. */
  in: 'body' | 'query' | 'path' | 'header';
  /** Dotted path of the field inside that location, e.g. `seatIds.0`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds, sent as `Retry-After` on 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const validationFailed = (issues: ValidationIssue[], message = 'Request validation failed') =>
  new DomainError('VALIDATION_FAILED', message, { issues });
export const unauthenticated = (message = 'Authentication required') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => new DomainError('FORBIDDEN', message);
export const notFound = (what: string, id?: string) =>
  new DomainError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, id ? { id } : undefined);
export const invalidTransition = (from: string, to: string) =>
  new DomainError('INVALID_TRANSITION', `Cannot move from ${from} to ${to}`, { from, to });
export const dependencyUnavailable = (dependency: string, retryAfterSeconds = 1) =>
  new DomainError('DEPENDENCY_UNAVAILABLE', `${dependency} is unavailable, try again shortly`, { dependency }, retryAfterSeconds);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** A business refusal (the caller must change something), as opposed to a failure a retry may cure. */
export const isRefusal = (e: unknown): e is DomainError => isDomainError(e) && e.code !== 'DEPENDENCY_UNAVAILABLE' && e.code !== 'INTERNAL';
