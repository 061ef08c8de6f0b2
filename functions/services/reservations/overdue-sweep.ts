import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import type { ExpireResult } from './expire-reservation';
import type { HoldDeadlines, OverdueHolds } from './ports';

/**
 * The backstop for a hold whose Step Functions execution could not be started: the start failure is recorded as
 * an overdue marker, and a scheduled sweep expires what the execution would have expired.
 */
export function deadlinesWithFallback(primary: HoldDeadlines, overdue: OverdueHolds): HoldDeadlines {
  return {
    async start(reservationId, holdExpiresAt) {
      try {
        await primary.start(reservationId, holdExpiresAt);
      } catch (error) {
        logger.warn('deadline execution not started; handing the hold to the sweeper', { reservationId, error: error as Error });
        await overdue.remember({ reservationId, phase: 'HOLD', deadline: holdExpiresAt });
      }
    },
    stop: (reservationId) => primary.stop(reservationId),
  };
}

/** Minutes of deadlines each sweep looks back over, so a sweep that missed runs catches up. */
export const SWEEP_WINDOW_MINUTES = 60;

export function sweepOverdueHolds(deps: { overdue: OverdueHolds; expire: (reservationId: string, phase: 'HOLD' | 'PAYING') => Promise<ExpireResult>; clock: Clock }) {
  return async function sweep(): Promise<{ expired: number; rescheduled: number; kept: number }> {
    const tally = { expired: 0, rescheduled: 0, kept: 0 };
    for (const marker of await deps.overdue.due(deps.clock.now(), SWEEP_WINDOW_MINUTES)) {
      const result = await deps.expire(marker.reservationId, marker.phase);
      if (result.status === marker.phase) {
        tally.kept++; // a hair early; the next sweep takes it
        continue;
      }
      if (result.status === 'PAYING' && result.paymentExpiresAt) {
        await deps.overdue.remember({ reservationId: marker.reservationId, phase: 'PAYING', deadline: result.paymentExpiresAt });
        tally.rescheduled++;
      } else if (result.status === 'EXPIRED') {
        tally.expired++;
      }
      await deps.overdue.forget(marker);
    }
    return tally;
  };
}
