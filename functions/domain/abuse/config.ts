import * as z from 'zod/mini';

/**
 * Thresholds of the abuse rules and the rate limits, with the defaults api.md names. A stage overrides any part
 * through `ABUSE_CONFIG` (JSON, deep-merged over these defaults); ADMIN overrides a concert's rate limits at runtime.
 */
export const ROUTE_GROUPS = ['join', 'challenge', 'hold', 'pay', 'cancel', 'auth'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

export interface RateLimit {
  /** Requests allowed per period; a burst of `limit` is allowed, then one every `periodSeconds / limit`. */
  limit: number;
  periodSeconds: number;
}

export interface GroupLimits {
  user?: RateLimit;
  address?: RateLimit;
}

export interface AbuseConfig {
  /** `false` switches every rule and limit off (the paired "rules off" benchmark runs). */
  enabled: boolean;
  rateLimits: Record<RouteGroup, GroupLimits>;
  /** HOLD_BURST: more than `maxAttempts` hold attempts by one user within `windowSeconds`. */
  holdBurst: { maxAttempts: number; windowSeconds: number };
  /** DUPLICATE_REQUEST: the same user + show + seats, or an Idempotency-Key with another body, within the window. */
  duplicateRequest: { windowSeconds: number };
  /** SHARED_DEVICE: an X-Device-Id used by another account within the window. */
  sharedDevice: { windowSeconds: number };
  /** SHARED_DEVICE at join: how many accounts one device may put in one concert's line (remembered for `windowSeconds`). */
  deviceInLine: { maxAccounts: number; windowSeconds: number };
  /** UNPAID_HOLDS: unpaid HOLD reservations one user may have in a concert at once. */
  unpaidHolds: { max: number };
  /** Retry-After sent with BLOCKED (an ADMIN block has no natural end). */
  blockedRetryAfterSeconds: number;
  /** Lifetime of an issued join challenge. */
  challengeTtlSeconds: number;
  /** Days an abuse-audit item lives before DynamoDB TTL removes it. */
  auditRetentionDays: number;
}

const perAddress = { limit: 600, periodSeconds: 10 };

export const DEFAULT_ABUSE_CONFIG: AbuseConfig = {
  enabled: true,
  // A well-behaved client joins once, holds a few times and pays once; a status poller (4/s) is not guarded at all.
  // Per-address limits are generous: carrier NAT puts many fans behind one address.
  rateLimits: {
    join: { user: { limit: 10, periodSeconds: 10 }, address: perAddress },
    challenge: { user: { limit: 20, periodSeconds: 60 }, address: perAddress },
    hold: { user: { limit: 10, periodSeconds: 10 }, address: perAddress },
    pay: { user: { limit: 10, periodSeconds: 60 }, address: perAddress },
    cancel: { user: { limit: 10, periodSeconds: 60 }, address: perAddress },
    auth: { address: { limit: 60, periodSeconds: 60 } },
  },
  holdBurst: { maxAttempts: 3, windowSeconds: 10 },
  duplicateRequest: { windowSeconds: 300 },
  sharedDevice: { windowSeconds: 600 },
  deviceInLine: { maxAccounts: 2, windowSeconds: 6 * 3600 },
  // The default sales policy's maxTicketsPerUser: one seat per hold never trips it.
  unpaidHolds: { max: 4 },
  blockedRetryAfterSeconds: 3600,
  challengeTtlSeconds: 120,
  auditRetentionDays: 30,
};

/** zod/mini: this module is on the join and hold paths, where bundle size is cold-start time. */
const positive = (max: number) => z.number().check(z.int(), z.minimum(1), z.maximum(max));
export const rateLimitSchema = z.strictObject({ limit: positive(1_000_000), periodSeconds: positive(86_400) });
export const groupLimitsSchema = z.strictObject({ user: z.optional(rateLimitSchema), address: z.optional(rateLimitSchema) });
const windowSeconds = positive(86_400);

/** What a stage may override: any subset, each value validated. */
export const abuseConfigOverrides = z.partial(
  z.strictObject({
    enabled: z.boolean(),
    rateLimits: z.partial(z.strictObject(Object.fromEntries(ROUTE_GROUPS.map((g) => [g, groupLimitsSchema])) as Record<RouteGroup, typeof groupLimitsSchema>)),
    holdBurst: z.partial(z.strictObject({ windowSeconds, maxAttempts: positive(1000) })),
    duplicateRequest: z.partial(z.strictObject({ windowSeconds })),
    sharedDevice: z.partial(z.strictObject({ windowSeconds })),
    deviceInLine: z.partial(z.strictObject({ windowSeconds, maxAccounts: positive(1000) })),
    unpaidHolds: z.partial(z.strictObject({ max: positive(100) })),
    blockedRetryAfterSeconds: positive(86_400),
    challengeTtlSeconds: positive(3600),
    auditRetentionDays: positive(3650),
  }),
);
export type AbuseConfigOverrides = z.infer<typeof abuseConfigOverrides>;

/** The defaults with a stage's overrides merged in, one level below each top-level field. */
export function abuseConfig(overrides: AbuseConfigOverrides = {}): AbuseConfig {
  const d = DEFAULT_ABUSE_CONFIG;
  const rateLimits = { ...d.rateLimits };
  for (const g of ROUTE_GROUPS) rateLimits[g] = { ...d.rateLimits[g], ...overrides.rateLimits?.[g] };
  return {
    ...d,
    ...overrides,
    rateLimits,
    holdBurst: { ...d.holdBurst, ...overrides.holdBurst },
    duplicateRequest: { ...d.duplicateRequest, ...overrides.duplicateRequest },
    sharedDevice: { ...d.sharedDevice, ...overrides.sharedDevice },
    deviceInLine: { ...d.deviceInLine, ...overrides.deviceInLine },
    unpaidHolds: { ...d.unpaidHolds, ...overrides.unpaidHolds },
  };
}
