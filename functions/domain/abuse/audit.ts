import type { AbuseAction, AbuseRule } from './rules';

/**
 * One row of the abuse audit: a blocked attempt, or a hold/pay/cancel attempt the rules let through. Written
 * outside the request's own writes, so a refused request still leaves its row.
 */
export interface AbuseAuditEntry {
  auditId: string;
  action: AbuseAction;
  result: 'ALLOWED' | 'BLOCKED';
  /** The rule that refused the attempt; absent when it was allowed. */
  rule?: AbuseRule;
  userId?: string;
  concertId?: string;
  deviceId?: string;
  /** The client address, hashed: the audit never stores a raw address. */
  clientAddress: string;
  requestId: string;
  at: string;
  /** How long a BLOCKED attempt was told to wait; `AbuseBlocked` is derived from the row and carries it. */
  retryAfterSeconds?: number;
}

export interface AbuseAuditFilter {
  action?: AbuseAction;
  result?: 'ALLOWED' | 'BLOCKED';
  rule?: AbuseRule;
  userId?: string;
  concertId?: string;
  /** Inclusive ISO-8601 bounds on `at`. */
  from?: string;
  to?: string;
}

/** Actions whose allowed attempts are audited too (api.md: every hold/pay/cancel attempt a rule looked at). */
export const AUDITED_WHEN_ALLOWED: ReadonlySet<AbuseAction> = new Set(['HOLD', 'PAY', 'CANCEL']);
