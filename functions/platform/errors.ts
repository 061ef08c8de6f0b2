import type { ErrorCode } from '#domain/errors';

/**
 * The platform's half of error handling: which HTTP status each domain error code answers with (api.md), and
 * what a 5xx may tell a client — never its own message, which can name internals; the log keeps that.
 */
export {
  DomainError,
  dependencyUnavailable,
  forbidden,
  invalidTransition,
  isDomainError,
  isRefusal,
  notFound,
  unauthenticated,
  validationFailed,
  type ErrorCode,
  type ValidationIssue,
} from '#domain/errors';

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

export const statusOf = (code: ErrorCode): number => STATUS[code];

/** What a client reads for a 5xx: the code and one of these, whatever the error said. */
export const PUBLIC_5XX_MESSAGES: Partial<Record<ErrorCode, string>> = {
  DEPENDENCY_UNAVAILABLE: 'A service this request needs is unavailable, try again shortly',
  INTERNAL: 'Internal server error',
};
