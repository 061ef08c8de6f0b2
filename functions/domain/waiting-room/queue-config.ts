import * as z from 'zod/mini';

/** The join challenge's hardest setting (functions/domain/abuse/proof-of-work.ts): 2^28 hashes is minutes in a browser. */
export const MAX_CHALLENGE_DIFFICULTY = 28;

/**
 * How a concert's line behaves. Stored per concert; a concert without a stored config uses DEFAULT_QUEUE_CONFIG.
 * `mode: buffered` puts joins through SQS first (a spike lands on the queue, not on Redis).
 */
export const QUEUE_MODES = ['direct', 'buffered'] as const;
export type QueueMode = (typeof QUEUE_MODES)[number];

export interface QueueConfig {
  mode: QueueMode;
  /** Users moved from WAITING to ACTIVE per one-second tick, at most. */
  admitPerSecond: number;
  /** ACTIVE slots at once; admission pauses while they are all taken. */
  maxActive: number;
  /** How long an admitted user may shop before the slot lapses (and its admission token expires). */
  activeTtlSeconds: number;
  /** Users WAITING (plus PREQUEUE) at once; the next join is 409 QUEUE_FULL. */
  maxWaiting: number;
  /** From this instant until the sale opens, joins land in PREQUEUE instead of being refused. */
  prequeueOpensAt?: string;
  /** At opening, place the PREQUEUE users in a uniformly random (seeded, recorded) order instead of arrival order. */
  randomizeAtOpen?: boolean;
  /**
   * An operator's stop: the admission tick admits nobody while set; everyone keeps their place, joins go on, and
   * admission resumes from the head of the line when it is cleared. Absent means running.
   */
  paused?: boolean;
  /** Leading zero bits the join challenge asks for (api.md); absent or 0: no challenge. ~16 costs a browser ~1 s. */
  challengeDifficulty?: number;
}

/** The defaults, documented in the OpenAPI description of the queue-config route. */
export const DEFAULT_QUEUE_CONFIG: QueueConfig = {
  mode: 'direct',
  admitPerSecond: 50,
  maxActive: 500,
  activeTtlSeconds: 600,
  maxWaiting: 1_000_000,
  randomizeAtOpen: false,
};

/** The longest an admitted slot (and its admission token) may last. */
export const MAX_ACTIVE_TTL_SECONDS = 3_600;

const isoInstant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant' });

const intIn = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** The PUT body: every field validated and named in the 400 when wrong. */
export const queueConfigSchema = z.strictObject({
  mode: z.enum(QUEUE_MODES),
  admitPerSecond: intIn(1, 10_000),
  maxActive: intIn(1, 1_000_000),
  activeTtlSeconds: intIn(10, MAX_ACTIVE_TTL_SECONDS),
  maxWaiting: intIn(1, 10_000_000),
  prequeueOpensAt: z.optional(isoInstant),
  randomizeAtOpen: z.optional(z.boolean()),
  paused: z.optional(z.boolean()),
  challengeDifficulty: z.optional(intIn(0, MAX_CHALLENGE_DIFFICULTY)),
});

/** Normalises instants to UTC `toISOString()` form so stored configs compare and display the same way. */
export function normaliseQueueConfig(input: z.output<typeof queueConfigSchema>): QueueConfig {
  const { prequeueOpensAt, paused, ...rest } = input;
  return {
    ...rest,
    randomizeAtOpen: input.randomizeAtOpen ?? false,
    ...(paused ? { paused: true } : {}),
    ...(prequeueOpensAt ? { prequeueOpensAt: new Date(prequeueOpensAt).toISOString() } : {}),
  };
}

/** What an admin's config change did, for the audit trail: a pause or resume is named as such. */
export type QueueConfigChange = 'PAUSED' | 'RESUMED' | 'UPDATED';

export function queueConfigChange(before: QueueConfig, after: QueueConfig): QueueConfigChange {
  if (!before.paused && after.paused) return 'PAUSED';
  if (before.paused && !after.paused) return 'RESUMED';
  return 'UPDATED';
}
