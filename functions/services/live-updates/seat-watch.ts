import { statusOfCode } from '#domain/catalog/availability';
import type { Clock } from '#platform/clock';
import { seatsMessage } from '#domain/realtime/messages';
import type { CatalogDeps } from '#services/catalog/ports';
import { publishChanges, recordSeatChange, type Shown } from '#services/catalog/seat-availability';
import type { SeatChange } from '#domain/reservations/seat-changes';
import { showLayout } from '#services/catalog/show-layout';
import type { RealtimePush } from '#services/ports/realtime';
import type { SeatWatchers } from './ports';
import { fanOutPace } from './fan-out-pace';
import { pushAll } from './push-all';

/** How long a pusher waits for the previous version's pushes before sending its own anyway (that pusher died). */
const TURN_TIMEOUT_MS = 5_000;

export interface SeatWatchDeps {
  watchers: SeatWatchers;
  push: RealtimePush;
  catalog: CatalogDeps;
  clock: Clock;
  /** Seat changes of a show within one interval go out as one SEATS message per watcher (≤ 1 s, api.md). */
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Seat-map watchers and coalesced SEATS pushes. Every seat change is recorded into the show's availability (O(its
 * seats) in Redis, no table read); the first change of an interval opens it, waits until it ends, publishes the
 * interval's changes as one version and sends one message per watcher (O(watchers) @connections calls per interval,
 * whatever the number of changes). Changes that arrive while it waits ride along; later ones open the next interval.
 */
export function seatWatch(deps: SeatWatchDeps) {
  async function flush({ layout, slots }: Shown): Promise<{ pushed: number; messages: number }> {
    // A version is published only once the previous one went out to every watcher: when a fan-out outlasts the
    // interval, the changes made meanwhile ride in the next version instead of queueing versions behind it, and a slow
    // fan-out delays changes without multiplying calls. The pace (./fan-out-pace.ts) keeps each watcher at one message
    // per interval when a fast fan-out follows a slow one.
    await deps.catalog.availability.awaitPushesSent(layout.showId, TURN_TIMEOUT_MS);
    const { unpushed } = await publishChanges(deps.catalog, { layout, slots });
    let pushed = 0;
    for (const batch of unpushed) {
      await deps.catalog.availability.awaitTurn(layout.showId, batch.version, TURN_TIMEOUT_MS);
      const now = deps.clock.now();
      const [watchers, last] = await Promise.all([deps.watchers.watchersOf(layout.showId, now.getTime()), deps.watchers.lastFanOut(layout.showId)]);
      const changes = batch.changes.map((c) => ({ seatId: slots.seatIdAt(c.slot) as string, status: statusOfCode(c.code) }));
      const message = seatsMessage(layout.showId, batch.version, changes, now);
      const pace = fanOutPace(watchers, last, deps.intervalMs, () => deps.clock.now().getTime());
      const ids = watchers.map((w) => w.connectionId);
      pushed += await pushAll(deps.push, ids, message, (id) => deps.watchers.unwatch(layout.showId, id), { ...pace, now: () => deps.clock.now().getTime(), sleep: deps.sleep });
      await deps.watchers.recordFanOut(layout.showId, pace.marks());
      await deps.catalog.availability.markSent(layout.showId, batch.version);
    }
    return { pushed, messages: unpushed.length };
  }

  return {
    watch: (showId: string, connectionId: string) => deps.watchers.watch(showId, connectionId, deps.clock.now().getTime()),
    unwatch: (showId: string, connectionId: string) => deps.watchers.unwatch(showId, connectionId),
    forget: (connectionId: string) => deps.watchers.forget(connectionId),
    /** Records the seats' new states; the call that opened the interval pushes it when it ends. */
    async announce(change: SeatChange): Promise<{ pushed: number; messages: number }> {
      const shown = await showLayout(deps.catalog, change.concertId, change.showId);
      const { flushAt } = await recordSeatChange(deps.catalog, shown, change, deps.intervalMs);
      if (flushAt === undefined) return { pushed: 0, messages: 0 };
      await deps.sleep(Math.max(0, flushAt - deps.clock.now().getTime()));
      return flush(shown);
    },
  };
}
