import type { QueueConfig, QueueConfigChange } from '#domain/waiting-room/queue-config';
import type { Placement } from '#domain/waiting-room/queue-status';
import type { SalesPolicyTimes } from '#domain/waiting-room/sale-opening';

/** The ports the waiting-room services talk to; Redis, SQS, DynamoDB and JWT adapters implement them. */

export interface PlacementView {
  placement: Placement;
  /** Admissions per second measured over recent ticks; undefined before the first admission. */
  measuredRate: number | undefined;
}

export interface JoinResult extends PlacementView {
  /** The line (waiting, pre-queue and active) was empty before this join: the concert needs the loop's attention. */
  lineWasEmpty: boolean;
}

export interface LineCounts {
  waiting: number;
  active: number;
  prequeue: number;
}

export interface AdmitResult extends LineCounts {
  admitted: string[];
  lapsed: string[];
  /** Users gone from the head or the middle of WAITING since the previous tick: no position moved further than this. */
  shift: number;
  expiresAtMs: number;
  previousRate: number | undefined;
  previousTickAtMs: number | undefined;
}

export interface WaitingLine {
  /** Idempotent: a user already placed gets its placement back. Returns 'FULL' when maxWaiting is reached. */
  join(concertId: string, userId: string, o: { nowMs: number; maxWaiting: number; phase: 'OPEN' | 'PREQUEUE' }): Promise<JoinResult | 'FULL'>;
  placement(concertId: string, userId: string, nowMs: number): Promise<PlacementView>;
  leave(concertId: string, userId: string): Promise<void>;
  stats(concertId: string): Promise<LineCounts & { admittedTotal: number }>;
  /** Lapses expired slots, then admits up to `admitPerSecond` while fewer than `maxActive` are ACTIVE. */
  admit(concertId: string, o: { nowMs: number; admitPerSecond: number; maxActive: number; ttlMs: number }): Promise<AdmitResult>;
  /** The expiry (ms) of the user's ACTIVE, unexpired slot, or undefined. */
  activeSlotExpiry(concertId: string, userId: string, nowMs: number): Promise<number | undefined>;
  /** Gives back a rank-sweep shift the ADMIT script cleared, when the sweep could not use it (the next tick will). */
  carryShift(concertId: string, shift: number): Promise<void>;
  saveMeasuredRate(concertId: string, rate: number, tickAtMs: number): Promise<void>;
  /** PREQUEUE users in arrival order, or undefined once the line has opened. */
  prequeueArrivals(concertId: string): Promise<string[] | undefined>;
  /** Places `ordered` at the head of WAITING (later pre-queue stragglers behind them), records the seed. */
  openPrequeue(concertId: string, ordered: string[], audit: { seed: string; openedAtMs: number }): Promise<{ placed: number; opened: boolean }>;
}

export interface QueueConfigStore {
  read(concertId: string): Promise<QueueConfig | undefined>;
  write(concertId: string, config: QueueConfig): Promise<void>;
}

/** One admin change of a concert's queue config (pause, resume or any other edit), kept for the audit trail. */
export interface QueueConfigAuditEntry {
  auditId: string;
  concertId: string;
  /** The ADMIN who made the change. */
  userId: string;
  requestId: string;
  at: string;
  change: QueueConfigChange;
  config: QueueConfig;
}

export interface QueueConfigAudit {
  record(entry: QueueConfigAuditEntry): Promise<void>;
  /** Newest first. */
  list(concertId: string, limit: number): Promise<QueueConfigAuditEntry[]>;
}

export interface RankCandidate {
  userId: string;
  position: number;
  pushedPosition: number | undefined;
  connectionIds: string[];
}

export interface Subscriptions {
  subscribe(concertId: string, connectionId: string, userId: string): Promise<void>;
  unsubscribe(concertId: string, connectionId: string): Promise<void>;
  connectionsOf(concertId: string, userId: string): Promise<string[]>;
  connectionsOfMany(concertId: string, userIds: string[]): Promise<Map<string, string[]>>;
  /** Subscribed WAITING users at the given 1-based inclusive position ranges, with the position last pushed. */
  rankCandidates(concertId: string, ranges: Array<[number, number]>): Promise<RankCandidate[]>;
  markPushed(concertId: string, positions: ReadonlyArray<readonly [userId: string, position: number]>): Promise<void>;
}

/** Concerts whose line is non-empty: the admission loop visits only these. */
export interface ActiveConcerts {
  add(concertId: string): Promise<void>;
  list(): Promise<string[]>;
  /** Removes the concert, then puts it back if a join raced in (see the adapter). */
  removeIfIdle(concertId: string, isIdle: () => Promise<boolean>): Promise<void>;
}

/**
 * The stage's WebSocket connect budget: at most `perSecond` connect offers in any one second, across every concert
 * and Lambda. A fan offered a connect keeps the offer for a while (a repeated poll does not spend the budget twice).
 */
export interface ConnectGrants {
  readonly perSecond: number;
  grant(userId: string, nowMs: number): Promise<boolean>;
}

/**
 * The switch of the admission loop's schedule (an EventBridge rule in AWS, the local scheduler locally): armed while
 * some concert has a line or a pre-queue, disarmed when none has, so an idle system runs no loop at all.
 */
export interface AdmissionLoopSwitch {
  arm(): Promise<void>;
  disarm(): Promise<void>;
}

/** A shared "armed" mark, so arming is one Redis call and not one EventBridge call per join. */
export interface ArmedMark {
  /** Sets the mark; false when it was already set. */
  setIfAbsent(): Promise<boolean>;
  set(): Promise<void>;
  clear(): Promise<void>;
}

/** The per-concert admission-loop lease. */
export interface Lease {
  /** Takes or renews the concert's lease for `owner`; false when another owner holds it. */
  acquire(concertId: string, owner: string, ttlMs: number): Promise<boolean>;
  release(concertId: string, owner: string): Promise<void>;
}

export interface JoinBuffer {
  enqueue(join: { concertId: string; userId: string; ticketId: string }): Promise<void>;
}

export interface SaleOpenings {
  policyTimes(concertId: string): Promise<SalesPolicyTimes | undefined>;
}

/**
 * Admission tokens are stateless: a JWT bound to user, concert and the slot's expiry, minted from the slot whenever
 * it is read (./slot-tokens). Nothing stores them, so no instant exists where a slot is ACTIVE without one.
 */
export interface AdmissionTokens {
  issue(userId: string, concertId: string, slotExpiresAtMs: number, now: Date): Promise<string>;
  /** Verified claims, or undefined when the signature, audience or expiry is wrong. */
  verify(token: string, now: Date): Promise<{ userId: string; concertId: string; slotExpiresAtMs: number } | undefined>;
}
