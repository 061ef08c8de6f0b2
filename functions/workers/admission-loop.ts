import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { logger } from '#platform/logger';
import { count, gauge } from '#platform/metrics';
import { scheduledHandler } from '#platform/worker';
import { waitingRoom } from '#composition/waiting-room';
import { loopDeadline } from '#services/waiting-room/admission-loop';
import type { TickReport } from '#services/waiting-room/admission-tick';

/**
 * The sale dashboard's waiting-room metrics from one invocation's ticks (one list of per-concert reports per tick):
 * the line's length and the active slots summed over concerts at each tick, and what the ticks did.
 */
export function recordTickMetrics(ticks: TickReport[][]): void {
  const sum = (reports: TickReport[], field: 'admitted' | 'lapsed' | 'waiting' | 'active' | 'pushCalls' | 'pushFailures') => reports.reduce((n, r) => n + r[field], 0);
  count('AdmissionTicks', ticks.length);
  for (const reports of ticks) {
    if (!reports.length) continue;
    gauge('QueueWaiting', sum(reports, 'waiting'));
    gauge('QueueActive', sum(reports, 'active'));
  }
  const all = ticks.flat();
  count('Admitted', sum(all, 'admitted'));
  count('Lapsed', sum(all, 'lapsed'));
  count('PushCalls', sum(all, 'pushCalls'));
  count('PushFailures', sum(all, 'pushFailures'));
}

/**
 * The admission loop. In AWS an EventBridge rule fires once a minute (its finest rate) and this Lambda (timeout
 * 60 s) ticks once a second for the rest of its minute — chosen over a Step Functions loop because a tick is a few
 * Redis calls, and 60 state transitions a minute per concert would cost more than the work. The local cloud
 * invokes the handler every second (ADMISSION_LOOP_TICKS=once): then it runs exactly one tick, well inside its
 * declared timeout, and stopping the local cloud never waits for a minute of ticks. Overlapping
 * invocations are safe: a per-concert lease lets one of them tick a concert.
 */
export const handler = scheduledHandler(async (context) => {
  const now = systemClock.now().getTime();
  const deadline = config('ADMISSION_LOOP_TICKS').ADMISSION_LOOP_TICKS === 'once' ? now : loopDeadline(now, context?.getRemainingTimeInMillis?.() ?? 0);
  const ticks = await waitingRoom().loop.runUntil(deadline, systemClock, (ms) => new Promise((r) => setTimeout(r, ms)));
  recordTickMetrics(ticks);
  const reports = ticks.flat();
  const pushFailures = reports.reduce((n, r) => n + r.pushFailures, 0);
  if (pushFailures) logger.warn('pushes failed this invocation; retried on the next tick', { pushFailures });
  return {
    ticks: ticks.length,
    admitted: reports.reduce((n, r) => n + r.admitted, 0),
    pushCalls: reports.reduce((n, r) => n + r.pushCalls, 0),
    pushFailures,
  };
});
