import { t } from '../i18n/i18n';
import { ApiError } from './api-error';

export { ApiError, apiErrorFrom } from './api-error';

const PLAIN_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_ADMITTED', 'PRESALE_TIER_REQUIRED', 'CHALLENGE_REQUIRED', 'NOT_FOUND', 'SEAT_UNAVAILABLE',
  'LIMIT_EXCEEDED', 'SALE_NOT_OPEN', 'INVALID_TRANSITION', 'QUEUE_FULL', 'REFUND_WINDOW_CLOSED', 'VALIDATION_FAILED',
] as const;
const WAIT_CODES = ['RATE_LIMITED', 'ABUSE_BLOCKED', 'DEPENDENCY_UNAVAILABLE'] as const;
const isOneOf = <T extends string>(list: readonly T[], code: string): code is T => (list as readonly string[]).includes(code);

/** What a fan reads for an error: the code mapped to a sentence with the next step, never the raw code. */
export function humanError(error: unknown): string {
  if (!(error instanceof ApiError)) return t(error instanceof TypeError ? 'error.NETWORK' : 'error.UNKNOWN');
  if (isOneOf(WAIT_CODES, error.code)) return t(`error.${error.code}`, { s: error.retryAfterSeconds ?? 5 });
  if (isOneOf(PLAIN_CODES, error.code)) return t(`error.${error.code}`);
  return t('error.UNKNOWN');
}
