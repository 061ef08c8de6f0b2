import type { Context } from 'aws-lambda';
import { systemClock } from '#platform/clock';
import { waitingRoom } from '#services/waiting-room/compose';

/** Stop ticking this long before the invocation's timeout. */
const SAFETY_MS = 5_000;
/** Budgets longer than this mean the caller invokes every second (the local cloud), not every minute. */
const MINUTE_BUDGET_MS = 2 * 60_000;

/**
 * The admission loop. In AWS an EventBridge rule fires once a minute (its finest rate) and this Lambda (timeout
 * 60 s) ticks once a second for the rest of its minute — chosen over a Step Functions loop because a tick is a few
 * Redis calls, and 60 state transitions a minute per concert would cost more than the work. The local cloud
 * invokes the handler every second with a 15-minute budget: then it runs exactly one tick. Overlapping
 * invocations are safe: a per-concert lease lets one of them tick a concert.
 */
export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const remaining = context?.getRemainingTimeInMillis?.() ?? 0;
  const now = systemClock.now().getTime();
  const deadline = remaining > SAFETY_MS && remaining <= MINUTE_BUDGET_MS ? now + remaining - SAFETY_MS : now;
  const ticks = await waitingRoom().loop.runUntil(deadline, systemClock, (ms) => new Promise((r) => setTimeout(r, ms)));
  const reports = ticks.flat();
  return {
    ticks: ticks.length,
    admitted: reports.reduce((n, r) => n + r.admitted, 0),
    pushCalls: reports.reduce((n, r) => n + r.pushCalls, 0),
  };
};
