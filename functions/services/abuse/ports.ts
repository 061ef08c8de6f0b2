import type { AbuseAuditEntry, AbuseAuditFilter } from '#domain/abuse/audit';
import type { GroupLimits, RouteGroup } from '#domain/abuse/config';
import type { AbuseRule, Plan } from '#domain/abuse/rules';

export type CheckOutcome = { ok: true; spent?: Record<string, string> } | { ok: false; rule: AbuseRule; retryAfterMs: number };

/** Evaluates and records every check of a plan atomically, in one round trip. */
export interface AbuseChecks {
  run(plan: Plan, nowMs: number): Promise<CheckOutcome>;
}

export interface AbuseBlock {
  userId?: string;
  deviceId?: string;
  reason: string;
  /** The ADMIN who set it. */
  by: string;
  at: string;
}

export interface IssuedChallenge {
  challengeId: string;
  salt: string;
  difficulty: number;
  userId: string;
  expiresAtMs: number;
}

/** The state the checks read that ADMIN, the challenge route and the outcome of holds write. */
export interface AbuseStateStore {
  block(concertId: string, block: AbuseBlock): Promise<void>;
  /** false when there was no such block. */
  unblock(concertId: string, target: { userId?: string; deviceId?: string }): Promise<boolean>;
  blocks(concertId: string): Promise<AbuseBlock[]>;
  limits(concertId: string): Promise<Partial<Record<RouteGroup, GroupLimits>>>;
  setLimits(concertId: string, limits: Partial<Record<RouteGroup, GroupLimits>>): Promise<void>;
  issueChallenge(concertId: string, challenge: IssuedChallenge): Promise<void>;
  holdStarted(concertId: string, userId: string, reservationId: string, expiresAtMs: number): Promise<void>;
  holdEnded(concertId: string, userId: string, reservationId: string): Promise<void>;
}

export interface AbuseAuditPage {
  items: AbuseAuditEntry[];
  nextCursor: string | null;
}

export interface AbuseAudit {
  record(entry: AbuseAuditEntry): Promise<void>;
  query(filter: AbuseAuditFilter, page: { limit: number; cursor?: string }): Promise<AbuseAuditPage>;
}
