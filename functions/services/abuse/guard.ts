import { AUDITED_WHEN_ALLOWED, type AbuseAuditEntry } from '#domain/abuse/audit';
import type { AbuseConfig } from '#domain/abuse/config';
import { parseChallengeHeader } from '#domain/abuse/proof-of-work';
import { newSalt, solves } from '#domain/abuse/proof-of-work-sha256';
import { isRateLimit, planFor, retryAfterSeconds, type AbuseRule, type AttemptFacts } from '#domain/abuse/rules';
import type { Clock } from '#platform/clock';
import { DomainError, dependencyUnavailable } from '#domain/errors';
import { isDependencyFailure } from '#platform/dependency-errors';
import type { Ids } from '#platform/ids';
import { logger } from '#platform/logger';
import { count } from '#platform/metrics';
import type { AbuseAudit, AbuseChecks, AbuseStateStore, CheckOutcome } from './ports';

export interface AbuseGuardDeps {
  checks: AbuseChecks;
  state: AbuseStateStore;
  /**
   * Where refusals and allowed hold/pay/cancel attempts are audited (admin.ts reads the audit). In production a
   * Redis-buffered writer that reaches the table in batches: a flood of refused bot requests costs one Redis call
   * each, never a table write each.
   */
  audit: Pick<AbuseAudit, 'record'>;
  clock: Clock;
  ids: Ids;
  config: () => AbuseConfig;
  /** The concert's queue-config `challengeDifficulty` (0: no challenge). */
  challengeDifficulty: (concertId: string) => Promise<number>;
}

/** One guarded request: its facts, and what its success changes in the rules' state (a hold started or ended). */
export interface Attempt<T> {
  facts: Omit<AttemptFacts, 'challengeId'> & { challengeHeader?: string };
  settle?: (result: T, state: AbuseStateStore) => Promise<void>;
}

export interface JoinChallenge {
  challengeId: string;
  salt: string;
  difficulty: number;
  expiresAt: string;
}

/**
 * Runs every abuse rule and rate limit of a request before the request itself, in one Redis round trip.
 * A refusal is audited before the 429/403 leaves, outside the request's own writes; the table's change stream
 * announces its row as `AbuseBlocked` once the row reaches the table. An allowed hold/pay/cancel is audited
 * concurrently with the request (off its path).
 * When Redis fails, the join and the hold — which need Redis anyway — answer 503; pay, cancel and sign-in go on
 * unguarded rather than lose a sale to the guard's outage.
 */
export function abuseGuard(deps: AbuseGuardDeps) {
  async function issueChallenge(concertId: string, userId: string): Promise<JoinChallenge> {
    const difficulty = await deps.challengeDifficulty(concertId);
    const expiresAtMs = deps.clock.now().getTime() + deps.config().challengeTtlSeconds * 1000;
    const challengeId = deps.ids.next();
    const salt = newSalt();
    await deps.state.issueChallenge(concertId, { challengeId, salt, difficulty, userId, expiresAtMs });
    return { challengeId, salt, difficulty, expiresAt: new Date(expiresAtMs).toISOString() };
  }

  async function refuse(facts: AttemptFacts, rule: AbuseRule, retryAfterMs: number): Promise<never> {
    const retryAfter = retryAfterSeconds(retryAfterMs);
    // The row is the write `AbuseBlocked` follows from (the table's change stream announces it).
    await deps.audit.record({ ...auditEntry(facts, 'BLOCKED', rule), retryAfterSeconds: retryAfter }).catch((error: unknown) => logger.error('abuse audit not written', { rule, error: error as Error }));
    count(isRateLimit(rule) ? 'RateLimited' : 'AbuseBlocked');
    const details = { rule, retryAfterSeconds: retryAfter };
    if (rule === 'CHALLENGE') {
      const fresh = await issueChallenge(facts.concertId ?? '', facts.userId ?? '').catch((error: unknown) => {
        logger.warn('fresh join challenge not issued', { error: error as Error });
        throw dependencyUnavailable('Redis');
      });
      throw new DomainError('CHALLENGE_REQUIRED', 'Solve the join challenge first', { rule, challenge: fresh });
    }
    if (isRateLimit(rule)) throw new DomainError('RATE_LIMITED', 'Too many requests', details, retryAfter);
    throw new DomainError('ABUSE_BLOCKED', `Refused by the abuse rule ${rule}`, details, retryAfter);
  }

  function auditEntry(f: AttemptFacts, result: AbuseAuditEntry['result'], rule?: AbuseRule): AbuseAuditEntry {
    return {
      auditId: deps.ids.next(),
      action: f.action,
      result,
      // Absent facts stay undefined: the item writer and the event drop undefined fields.
      rule,
      userId: f.userId,
      concertId: f.concertId,
      deviceId: f.deviceId,
      clientAddress: f.clientAddress,
      requestId: f.requestId,
      at: deps.clock.now().toISOString(),
    };
  }

  async function guard<T>(attempt: Attempt<T>, execute: () => Promise<T>): Promise<T> {
    const cfg = deps.config();
    if (!cfg.enabled) return execute();
    const { challengeHeader, ...base } = attempt.facts;
    const facts: AttemptFacts = { ...base };
    const answer = parseChallengeHeader(challengeHeader);
    const difficulty = facts.action === 'JOIN' && facts.concertId ? await deps.challengeDifficulty(facts.concertId) : 0;
    if (difficulty > 0) facts.challengeId = answer?.challengeId ?? '';

    const plan = planFor(cfg, facts);
    let outcome: CheckOutcome;
    try {
      outcome = await deps.checks.run(plan, deps.clock.now().getTime());
    } catch (error) {
      // The join and the hold need Redis anyway: 503. Pay, cancel and sign-in pass unguarded.
      logger.warn('abuse checks unavailable', { action: facts.action, error: error as Error });
      if (['JOIN', 'HOLD', 'CHALLENGE'].includes(facts.action)) throw dependencyUnavailable('Redis');
      return execute();
    }
    if (!outcome.ok) return refuse(facts, outcome.rule, outcome.retryAfterMs);
    if (difficulty > 0) {
      const spent = outcome.spent;
      const valid = spent && answer && spent.userId === facts.userId && solves(spent.salt ?? '', answer.nonce, Number(spent.difficulty));
      if (!valid) return refuse(facts, 'CHALLENGE', 0);
    }

    // The failure handler goes on now, not when the request ends: an audit write that fails first would otherwise be
    // an unhandled rejection, which ends a Node process.
    const audited = AUDITED_WHEN_ALLOWED.has(facts.action)
      ? deps.audit.record(auditEntry(facts, 'ALLOWED')).catch((error: unknown) => logger.error('abuse audit not written', { action: facts.action, error: error as Error }))
      : undefined;
    try {
      const result = await execute();
      if (attempt.settle) await attempt.settle(result, deps.state).catch((error: unknown) => logger.warn('abuse state not updated', { action: facts.action, error: error as Error }));
      return result;
    } catch (error) {
      // Best effort: the outage that failed the request may still be on, and the record then ages out by itself.
      if (isDependencyFailure(error)) await deps.checks.forgetAttempt(plan).catch(() => undefined);
      throw error;
    } finally {
      await audited;
    }
  }

  return { guard, issueChallenge };
}

export type AbuseGuard = ReturnType<typeof abuseGuard>;
