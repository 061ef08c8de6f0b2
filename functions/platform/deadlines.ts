import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Deadlines for every dependency call. A paused or unreachable dependency must cost a request a bounded, small
 * amount of time and then become a 503, never a Lambda running to its timeout.
 *
 * Two numbers bound each call, both chosen by the kind of invocation:
 * - a per-attempt cap: a REST request gives one attempt 600 ms and an AWS request two attempts, so a paused dependency
 *   answers 503 within ~1.2 s, plus at most 0.5 s in the authorizer (the bar is 2 s); Redis commands get one attempt;
 * - the invocation's dependency budget: all calls of one invocation share at most `budgetCapMs`, and never more
 *   than the invocation's remaining time minus `reserveMs` (what the handler needs to map the error and answer).
 *   Once it is spent a call fails at once with a TimeoutError (classified as 503 by ./dependency-errors).
 * Workers (admission tick, SQS consumers, stream readers) move more data per call and nobody waits on them, so they
 * get longer attempts; code outside any invocation (scripts, tests, the local cloud's loops) gets the worker caps.
 *
 * The budget lives in an AsyncLocalStorage scope rather than a module variable: the local cloud runs many
 * invocations in one process at the same time, and Lambda gives each container one at a time; both stay right.
 */
export const DEADLINES = {
  /**
   * Getting a connected socket: waiting for a free one in the agent's pool plus the TCP connect (the clock starts
   * when the request is queued, in smithy's handler and in ./clients/signed-requests.ts alike). A paused process still completes connects (the kernel accepts into its
   * backlog) and a dead one refuses at once, so the per-attempt request timeout is what bounds those; this bounds an
   * unroutable host, and is generous because a burst of requests in one process queues for sockets.
   */
  connectTimeoutMs: 3000,
  /** Attempts per AWS request (SDK or signed client): one jittered retry, only while the budget lasts. */
  sdkMaxAttempts: 2,
  /** Kept back from the invocation's remaining time for mapping the failure and answering. */
  reserveMs: 300,
  /** One attempt of one AWS request, or one Redis command, by kind of invocation. */
  attemptCapMs: { request: 600, authorizer: 250, worker: 5000 },
  /** Dependency budget of one invocation, by kind. */
  budgetCapMs: { request: 5000, authorizer: 500, worker: 60_000 },
} as const;

export type InvocationKind = keyof typeof DEADLINES.budgetCapMs;

interface Scope {
  deadlineAtMs: number;
  attemptCapMs: number;
}
const scope = new AsyncLocalStorage<Scope>();

/** What a handler's `context` offers; any Lambda context fits. */
export interface RemainingTime {
  getRemainingTimeInMillis?: () => number;
}

/**
 * `DEADLINE_SCALE` (default 1) stretches every cap. Production never sets it; the test suite sets it on a shared,
 * overloaded machine where a healthy DynamoDB Local call can take a second, and the deadline and fault-injection
 * tests pin it back to 1.
 */
function scale(): number {
  const value = Number(process.env.DEADLINE_SCALE ?? '1');
  return Number.isFinite(value) && value > 0 ? value : 1;
}

/** The dependency budget of an invocation that has `remainingMs` left: capped, minus the reserve, never negative. */
export function budgetMs(kind: InvocationKind, remainingMs: number | undefined): number {
  const cap = DEADLINES.budgetCapMs[kind] * scale();
  if (remainingMs === undefined || !Number.isFinite(remainingMs)) return cap;
  return Math.max(0, Math.min(cap, remainingMs - DEADLINES.reserveMs));
}

/** Runs `fn` with a dependency deadline derived from the invocation's remaining time. */
export function withInvocationDeadline<T>(kind: InvocationKind, context: RemainingTime | undefined, fn: () => Promise<T>): Promise<T> {
  const remaining = context?.getRemainingTimeInMillis?.();
  return scope.run({ deadlineAtMs: Date.now() + budgetMs(kind, remaining), attemptCapMs: DEADLINES.attemptCapMs[kind] * scale() }, fn);
}

/**
 * How long the next attempt may take: the per-attempt cap, cut to what is left of the invocation's budget.
 * Outside any invocation scope (scripts, tests, the local cloud's own loops) only the worker cap applies.
 */
export function attemptTimeoutMs(now = Date.now()): number {
  const current = scope.getStore();
  if (!current) return DEADLINES.attemptCapMs.worker * scale();
  return Math.max(0, Math.min(current.attemptCapMs, current.deadlineAtMs - now));
}

/**
 * How long the current invocation may still call dependencies: after this no call of it can reach DynamoDB or Redis,
 * so a claim it holds (an idempotency marker) may be taken over. Outside any invocation scope, the worker budget.
 */
export function dependencyTimeLeftMs(now = Date.now()): number {
  const current = scope.getStore();
  if (!current) return DEADLINES.budgetCapMs.worker * scale();
  return Math.max(0, current.deadlineAtMs - now);
}

/** A dependency call that ran out of time, shaped like the SDK's own timeouts (./dependency-errors.ts: "timeout"). */
export const timeoutError = (message: string): Error => Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });

/** The error a call gets when its invocation's budget is already spent. */
export const budgetSpentError = (): Error => timeoutError('The invocation has no time left for this dependency call');

/** How long getting a connected socket may take (see `DEADLINES.connectTimeoutMs`). */
export const connectTimeoutMs = () => DEADLINES.connectTimeoutMs * scale();

/**
 * ioredis settings: connect and command timeouts, reconnects with a bounded backoff, and no command retried after a
 * reconnect. The offline queue is on only until the first `ready` (so the first command of a cold start waits for the
 * connection, bounded by the command timeout); after that a command while disconnected fails at once (see clients.ts).
 */
export const redisDeadlineSettings = () =>
  ({
    connectTimeout: connectTimeoutMs(),
    commandTimeout: DEADLINES.attemptCapMs.worker * scale(),
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
  }) as const;
