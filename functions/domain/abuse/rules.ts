import type { AbuseConfig, RateLimit, RouteGroup } from './config';

/**
 * The abuse rules, each a pure function from the facts of one attempt and the thresholds to the checks it needs.
 * A check is one of a few counting primitives (below) that the Redis adapter evaluates for all rules of a request
 * atomically, in one script: either every check passes and all of them record the attempt, or the first failing
 * check names the rule and nothing is recorded.
 */
export const ABUSE_ACTIONS = ['JOIN', 'CHALLENGE', 'HOLD', 'PAY', 'CANCEL', 'SIGN_IN', 'REFRESH'] as const;
export type AbuseAction = (typeof ABUSE_ACTIONS)[number];

/** `details.rule` of a refusal (and `rule` of its audit row). The rate limits answer RATE_LIMITED, the rest ABUSE_BLOCKED. */
export const ABUSE_RULES = [
  'RATE_LIMIT_USER',
  'RATE_LIMIT_ADDRESS',
  'HOLD_BURST',
  'DUPLICATE_REQUEST',
  'SHARED_DEVICE',
  'UNPAID_HOLDS',
  'BLOCKED',
  'CHALLENGE',
] as const;
export type AbuseRule = (typeof ABUSE_RULES)[number];

export interface AttemptFacts {
  action: AbuseAction;
  requestId: string;
  /** The client address, already hashed. */
  clientAddress: string;
  userId?: string;
  concertId?: string;
  deviceId?: string;
  idempotencyKey?: string;
  /** What makes two attempts "the same request": user + show + seats for a hold, the body for a payment. */
  fingerprint?: string;
  /** JOIN on a concert whose queue config asks for a challenge: the presented challenge id ('' when none). */
  challengeId?: string;
}

/**
 * The counting primitives. Keys are relative to the plan's scope (the adapter puts them in the scope's hash slot).
 * - RATE: GCRA token bucket; refused when the request would exceed `limit` per period. `override` names the field
 *   of the scope's runtime-limits hash that replaces the limit when ADMIN set one.
 * - WINDOW: at most `max` recorded attempts within `windowMs` (sliding log).
 * - ONCE: the first `value` recorded under the key within `windowMs` sticks; another value is refused; the same
 *   value again is a replay, which the checks after this one neither judge nor count.
 * - SOLE: only `member` may have used the key within `windowMs`.
 * - CAP: at most `max` distinct members, each remembered for `ttlMs` after its last use.
 * - FLAG: refused while `field` is set in the hash at `key`.
 * - LIVE: refused while `max` entries whose expiry lies in the future are recorded (entries added elsewhere).
 * - SPEND: the hash at `key` must exist; it is deleted (spent) and returned.
 */
export type Check =
  | { kind: 'RATE'; rule: 'RATE_LIMIT_USER' | 'RATE_LIMIT_ADDRESS'; key: string; limit: number; periodMs: number; override: string }
  | { kind: 'WINDOW'; rule: AbuseRule; key: string; max: number; windowMs: number; member: string }
  | { kind: 'ONCE'; rule: AbuseRule; key: string; value: string; windowMs: number }
  | { kind: 'SOLE'; rule: AbuseRule; key: string; member: string; windowMs: number }
  | { kind: 'CAP'; rule: AbuseRule; key: string; member: string; max: number; ttlMs: number }
  | { kind: 'FLAG'; rule: AbuseRule; key: string; field: string; retryAfterMs: number }
  | { kind: 'LIVE'; rule: AbuseRule; key: string; max: number }
  | { kind: 'SPEND'; rule: AbuseRule; key: string };

/** Where the checks' keys live: a concert (`concertId`), a user (`u:<id>`) or an address (`a:<hash>`). */
export interface Plan {
  scope: string;
  checks: Check[];
}

const ms = (seconds: number) => seconds * 1000;
/** The first body and one mistaken other (answered 409 IDEMPOTENCY_CONFLICT); a third is refused. */
const BODIES_PER_IDEMPOTENCY_KEY = 2;

/** Per user and per address, for the action's route group; ADMIN may override either per concert. */
export function rateLimits(cfg: AbuseConfig, group: RouteGroup, f: AttemptFacts): Check[] {
  const limits = cfg.rateLimits[group];
  const rate = (rule: 'RATE_LIMIT_USER' | 'RATE_LIMIT_ADDRESS', who: 'user' | 'address', id: string, l: RateLimit): Check => ({
    kind: 'RATE',
    rule,
    key: `rl:${group}:${who}:${id}`,
    limit: l.limit,
    periodMs: ms(l.periodSeconds),
    override: `${group}.${who}`,
  });
  const checks: Check[] = [];
  if (limits.user && f.userId) checks.push(rate('RATE_LIMIT_USER', 'user', f.userId, limits.user));
  if (limits.address) checks.push(rate('RATE_LIMIT_ADDRESS', 'address', f.clientAddress, limits.address));
  return checks;
}

/** HOLD_BURST: more than `maxAttempts` hold attempts by one user within the window. */
export function holdBurst(cfg: AbuseConfig, f: AttemptFacts): Check[] {
  if (!f.userId) return [];
  const { maxAttempts, windowSeconds } = cfg.holdBurst;
  return [{ kind: 'WINDOW', rule: 'HOLD_BURST', key: `burst:${f.userId}`, max: maxAttempts, windowMs: ms(windowSeconds), member: f.requestId }];
}

/**
 * DUPLICATE_REQUEST: the same fingerprint again within the window, unless it is a replay under the same
 * Idempotency-Key (which the idempotency layer answers with the first response); or one Idempotency-Key cycled
 * through bodies. A key reused once with another body still reaches the idempotency layer and gets api.md's 409
 * IDEMPOTENCY_CONFLICT; a third body under the same key within the window is a script, not a mistake.
 */
export function duplicateRequest(cfg: AbuseConfig, f: AttemptFacts, opts: { byFingerprint: boolean }): Check[] {
  if (!f.userId || !f.fingerprint) return [];
  const windowMs = ms(cfg.duplicateRequest.windowSeconds);
  const checks: Check[] = [];
  if (opts.byFingerprint) {
    checks.push({ kind: 'ONCE', rule: 'DUPLICATE_REQUEST', key: `fp:${f.userId}:${f.fingerprint}`, value: f.idempotencyKey ?? f.requestId, windowMs });
  }
  if (f.idempotencyKey) {
    checks.push({ kind: 'CAP', rule: 'DUPLICATE_REQUEST', key: `ik:${f.userId}:${f.idempotencyKey}`, member: f.fingerprint, max: BODIES_PER_IDEMPOTENCY_KEY, ttlMs: windowMs });
  }
  return checks;
}

/** SHARED_DEVICE: an X-Device-Id another account used within the window. */
export function sharedDevice(cfg: AbuseConfig, f: AttemptFacts): Check[] {
  if (!f.userId || !f.deviceId) return [];
  return [{ kind: 'SOLE', rule: 'SHARED_DEVICE', key: `dev:${f.deviceId}`, member: f.userId, windowMs: ms(cfg.sharedDevice.windowSeconds) }];
}

/** SHARED_DEVICE at join: one device puts at most `maxAccounts` accounts in a concert's line. */
export function deviceInLine(cfg: AbuseConfig, f: AttemptFacts): Check[] {
  if (!f.userId || !f.deviceId) return [];
  const { maxAccounts, windowSeconds } = cfg.deviceInLine;
  return [{ kind: 'CAP', rule: 'SHARED_DEVICE', key: `line-dev:${f.deviceId}`, member: f.userId, max: maxAccounts, ttlMs: ms(windowSeconds) }];
}

/** UNPAID_HOLDS: the user already has as many unpaid holds in this concert as allowed. */
export function unpaidHolds(cfg: AbuseConfig, f: AttemptFacts): Check[] {
  if (!f.userId) return [];
  return [{ kind: 'LIVE', rule: 'UNPAID_HOLDS', key: unpaidHoldsKey(f.userId), max: cfg.unpaidHolds.max }];
}

/** BLOCKED: an ADMIN block of the user or the device for this concert. */
export function blocked(cfg: AbuseConfig, f: AttemptFacts): Check[] {
  const retryAfterMs = ms(cfg.blockedRetryAfterSeconds);
  const checks: Check[] = [];
  if (f.userId) checks.push({ kind: 'FLAG', rule: 'BLOCKED', key: BLOCKS_KEY, field: blockField({ userId: f.userId }), retryAfterMs });
  if (f.deviceId) checks.push({ kind: 'FLAG', rule: 'BLOCKED', key: BLOCKS_KEY, field: blockField({ deviceId: f.deviceId }), retryAfterMs });
  return checks;
}

/** The join challenge: a presented challenge must exist (unspent, unexpired); it is spent by this attempt. */
export function challenge(f: AttemptFacts): Check[] {
  if (f.challengeId === undefined) return [];
  return [{ kind: 'SPEND', rule: 'CHALLENGE', key: challengeKey(f.challengeId || '-') }];
}

/** Which rules look at which action, and in whose hash slot their keys live. */
export function planFor(cfg: AbuseConfig, f: AttemptFacts): Plan {
  const concert = f.concertId;
  switch (f.action) {
    case 'JOIN':
      return { scope: concert ?? '', checks: [...blocked(cfg, f), ...rateLimits(cfg, 'join', f), ...deviceInLine(cfg, f), ...challenge(f)] };
    case 'CHALLENGE':
      return { scope: concert ?? '', checks: rateLimits(cfg, 'challenge', f) };
    case 'HOLD':
      // Without a concert (no admission token to read it from) the hold is refused NOT_ADMITTED later; only the
      // per-user rules run, in the user's slot.
      if (!concert) return { scope: userScope(f.userId ?? ''), checks: [...rateLimits(cfg, 'hold', f), ...holdBurst(cfg, f)] };
      return {
        scope: concert,
        checks: [
          ...blocked(cfg, f),
          ...rateLimits(cfg, 'hold', f),
          // First, so a replay under its Idempotency-Key is recognised before the burst counts it.
          ...duplicateRequest(cfg, f, { byFingerprint: true }),
          ...holdBurst(cfg, f),
          ...sharedDevice(cfg, f),
          ...unpaidHolds(cfg, f),
        ],
      };
    case 'PAY':
      return { scope: userScope(f.userId ?? ''), checks: [...rateLimits(cfg, 'pay', f), ...duplicateRequest(cfg, f, { byFingerprint: false })] };
    case 'CANCEL':
      return { scope: userScope(f.userId ?? ''), checks: rateLimits(cfg, 'cancel', f) };
    case 'SIGN_IN':
    case 'REFRESH':
      return { scope: `a:${f.clientAddress}`, checks: rateLimits(cfg, 'auth', f) };
  }
}

/** Rate-limit refusals are 429 RATE_LIMITED; every other rule is 429 ABUSE_BLOCKED (the challenge is 403). */
export const isRateLimit = (rule: AbuseRule) => rule === 'RATE_LIMIT_USER' || rule === 'RATE_LIMIT_ADDRESS';

/** Seconds until a refused request would pass: whole seconds, at least 1 (Retry-After). */
export const retryAfterSeconds = (retryAfterMs: number) => Math.max(1, Math.ceil(retryAfterMs / 1000));

export const userScope = (userId: string) => `u:${userId}`;
export const BLOCKS_KEY = 'blocks';
export const LIMITS_KEY = 'limits';
export const unpaidHoldsKey = (userId: string) => `unpaid:${userId}`;
export const challengeKey = (challengeId: string) => `challenge:${challengeId}`;
export const blockField = (target: { userId?: string; deviceId?: string }) =>
  target.userId !== undefined ? `user:${target.userId}` : `device:${target.deviceId ?? ''}`;
