import type { Context } from 'aws-lambda';
import { systemClock } from '#platform/clock';
import { config } from '#platform/config';
import { logger } from '#platform/logger';
import { Metric } from '#platform/metric-names';
import { waitingRoom } from '#composition/waiting-room';
import { loopDeadline } from '#services/waiting-room/admission-loop';

/**
 * The admission loop. In AWS an EventBridge rule fires once a minute (its finest rate) and this Lambda (timeout
 * 60 s) ticks once a second for the rest of its minute — chosen over a Step Functions loop because a tick is a few
 * Redis calls, and 60 state transitions a minute per concert would cost more than the work. The local cloud
 * invokes the handler every second (ADMISSION_LOOP_TICKS=once): then it runs exactly one tick, well inside its
 * declared timeout, and stopping the local cloud never waits for a minute of ticks. Overlapping
 * invocations are safe: a per-concert lease lets one of them tick a concert.
 */
export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>) => {
  const now = systemClock.now().getTime();
  const deadline = config('ADMISSION_LOOP_TICKS').ADMISSION_LOOP_TICKS === 'once' ? now : loopDeadline(now, context?.getRemainingTimeInMillis?.() ?? 0);
  const ticks = await waitingRoom().loop.runUntil(deadline, systemClock, (ms) => new Promise((r) => setTimeout(r, ms)));
  const reports = ticks.flat();
  const pushFailures = reports.reduce((n, r) => n + r.pushFailures, 0);
  // Named as the dashboard's metric; the platform's metrics emitter picks the count up from this field.
  if (pushFailures) logger.warn('pushes failed this invocation; retried on the next tick', { [Metric.PushFailures]: pushFailures });
  return {
    ticks: ticks.length,
    admitted: reports.reduce((n, r) => n + r.admitted, 0),
    pushCalls: reports.reduce((n, r) => n + r.pushCalls, 0),
    pushFailures,
  };
};
