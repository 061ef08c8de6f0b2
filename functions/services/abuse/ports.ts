import type { AbuseAuditEntry, AbuseAuditFilter } from '#domain/abuse/audit';
import type { GroupLimits, RouteGroup } from '#domain/abuse/config';
import type { AbuseRule, Plan } from '#domain/abuse/rules';

export type CheckOutcome = { ok: true; spent?: Record<string, string> } | { ok: false; rule: AbuseRule; retryAfterMs: number };

/** Evaluates and records every check of a plan atomically, in one round trip. */
export interface AbuseChecks {
  run(plan: Plan, nowMs: number): Promise<CheckOutcome>;
  /**
   * Takes back what the run recorded of a request that then failed on a dependency outage (503): its
   * DUPLICATE_REQUEST fingerprint and its place in the attempt windows (HOLD_BURST). A fan is not refused for
   * retrying after our outage.
   */
  forgetAttempt(plan: Plan): Promise<void>;
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
  /** Many rows in as few writes as the store allows (not atomic; a row written twice is the same row). */
  recordMany(entries: readonly AbuseAuditEntry[]): Promise<void>;
  query(filter: AbuseAuditFilter, page: { limit: number; cursor?: string }): Promise<AbuseAuditPage>;
}

/** Rows of one buffer shard handed to one writer; nobody else takes that shard until it is done or released. */
export interface AuditBatch {
  shard: number;
  token: string;
  entries: AbuseAuditEntry[];
}

/**
 * Where audit rows wait to reach the audit store in batches. Sharded so that a flush writes a busy
 * sale's rows in parallel; each shard has at most one writer at a time (a lease).
 */
export interface AuditBuffer {
  readonly shards: number;
  push(entry: AbuseAuditEntry): Promise<void>;
  /** Becomes the writer of a shard's oldest rows, if it has any and no writer. */
  claim(shard: number): Promise<AuditBatch | undefined>;
  /** Removes the batch's rows (they are in the store) and ends the lease. */
  done(batch: AuditBatch): Promise<void>;
  /** Ends the lease and keeps the rows (their write failed; a later writer retries them). */
  release(batch: AuditBatch): Promise<void>;
  /** Rows waiting in every shard: what the table does not have yet. */
  backlog(): Promise<number>;
}
