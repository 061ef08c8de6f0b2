/**
 * Typed application errors. Only an AppError reaches a client as-is; anything else becomes a generic 500
 * (logged with its stack, never echoed). Codes and statuses follow ../shared/design/api.md.
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

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_ADMITTED: 403,
  PRESALE_TIER_REQUIRED: 403,
  CHALLENGE_REQUIRED: 403,
  NOT_FOUND: 404,
  SEAT_UNAVAILABLE: 409,
  LIMIT_EXCEEDED: 409,
  SALE_NOT_OPEN: 409,
  INVALID_TRANSITION: 409,
  QUEUE_FULL: 409,
  IDEMPOTENCY_CONFLICT: 409,
  REFUND_WINDOW_CLOSED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  ABUSE_BLOCKED: 429,
  DEPENDENCY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ValidationIssue {
  /** Where the bad value was: the JSON body, the query string or the path. */
  in: 'body' | 'query' | 'path' | 'header';
  /** Dotted path of the field inside that location, e.g. `seatIds.0`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Seconds, sent as `Retry-After` on 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const validationFailed = (issues: ValidationIssue[], message = 'Request validation failed') =>
  new AppError('VALIDATION_FAILED', message, { issues });
export const unauthenticated = (message = 'Authentication required') => new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('FORBIDDEN', message);
export const notFound = (what: string, id?: string) =>
  new AppError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`, id ? { id } : undefined);
export const invalidTransition = (from: string, to: string) =>
  new AppError('INVALID_TRANSITION', `Cannot move from ${from} to ${to}`, { from, to });
export const dependencyUnavailable = (dependency: string, retryAfterSeconds = 1) =>
  new AppError('DEPENDENCY_UNAVAILABLE', `${dependency} is unavailable, try again shortly`, { dependency }, retryAfterSeconds);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
