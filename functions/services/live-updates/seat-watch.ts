import type { SeatStatus } from '#domain/reservations/seat-changes';
import { toIso, type Clock } from '#platform/clock';
import type { RealtimePush } from '#services/ports/realtime';
import type { SeatWatchers } from './ports';
import { pushAll } from './push-all';

export interface SeatWatchDeps {
  watchers: SeatWatchers;
  push: RealtimePush;
  /** Drops the cached seat map so the next read shows the change. */
  invalidateSeatMap: (showId: string) => Promise<void>;
  clock: Clock;
}

/** Seat-map watchers: register and forget connections, and announce seat changes to them as `SEATS` pushes. */
export function seatWatch(deps: SeatWatchDeps) {
  return {
    watch: (showId: string, connectionId: string) => deps.watchers.watch(showId, connectionId),
    unwatch: (showId: string, connectionId: string) => deps.watchers.unwatch(showId, connectionId),
    async announce(showId: string, changes: Array<{ seatId: string; status: SeatStatus }>): Promise<{ pushed: number }> {
      await deps.invalidateSeatMap(showId);
      const watchers = await deps.watchers.watchersOf(showId);
      const pushed = await pushAll(deps.push, watchers, { type: 'SEATS', showId, changes, ts: toIso(deps.clock.now()) }, (id) => deps.watchers.unwatch(showId, id));
      return { pushed };
    },
  };
}
