import { statusOfCode } from '#domain/catalog/availability';
import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import { seatsMessage } from '#domain/realtime/messages';
import type { CatalogDeps } from '#services/catalog/ports';
import { publishChanges, recordSeatChange, recordSeatChanges, type Shown } from '#services/catalog/seat-availability';
import type { SeatChange } from '#domain/reservations/seat-changes';
import { showLayout } from '#services/catalog/show-layout';
import type { RealtimePush } from '#services/ports/realtime';
import type { SeatChangeInbox } from '#services/ports/seat-change-inbox';
import type { FanOutPart, FanOutParts, SeatWatchers } from './ports';
import { fanOutPace } from './fan-out-pace';
import { pushAll } from './push-all';

/** How long a pusher waits for the previous version's pushes before sending its own anyway (that pusher died). */
const TURN_TIMEOUT_MS = 5_000;

/**
 * Watchers one invocation sends a version to: ~0.3 s at PUSH_CONCURRENCY calls in flight of ~10 ms each. A show with
 * more is fanned out in parts by parallel invocations, so a version reaches a stadium's watchers in the same time.
 */
export const FAN_OUT_PART = 2_000;

export interface SeatWatchDeps {
  watchers: SeatWatchers;
  push: RealtimePush;
  catalog: CatalogDeps;
  clock: Clock;
  /** Seat changes of a show within one interval go out as one SEATS message per watcher (≤ 1 s, api.md). */
  intervalMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Where the parts of a fan-out beyond the first go. */
  parts: FanOutParts;
  /** @default FAN_OUT_PART */
  partSize?: number;
  /** Changes posted when they committed, taken into each version ahead of the change stream. */
  inbox?: Pick<SeatChangeInbox, 'take'>;
}

/**
 * Seat-map watchers and coalesced SEATS pushes. Every seat change is recorded into the show's availability (O(its
 * seats) in Redis, no table read); the first change of an interval opens it, waits until it ends, publishes the
 * interval's changes as one version and sends one message per watcher (O(watchers) @connections calls per interval,
 * whatever the number of changes). Changes that arrive while it waits ride along, with the holds posted to the inbox
 * at commit; later ones open the next interval (docs/seat-map.md, Pushes).
 */
export function seatWatch(deps: SeatWatchDeps) {
  async function flush({ layout, slots }: Shown): Promise<{ pushed: number; messages: number }> {
    // A version is published only once the previous one went out to every watcher: when a fan-out outlasts the
    // interval, the changes made meanwhile ride in the next version instead of queueing versions behind it, and a slow
    // fan-out delays changes without multiplying calls. The pace (./fan-out-pace.ts) keeps each watcher at one message
    // per interval when a fast fan-out follows a slow one.
    await deps.catalog.availability.awaitPushesSent(layout.showId, TURN_TIMEOUT_MS);
    await takeInbox({ layout, slots });
    const { unpushed } = await publishChanges(deps.catalog, { layout, slots });
    let pushed = 0;
    for (const batch of unpushed) {
      await deps.catalog.availability.awaitTurn(layout.showId, batch.version, TURN_TIMEOUT_MS);
      const now = deps.clock.now();
      const [watchers, last] = await Promise.all([deps.watchers.watchersOf(layout.showId, now.getTime()), deps.watchers.lastFanOut(layout.showId)]);
      const changes = batch.changes.map((c) => ({ seatId: slots.seatIdAt(c.slot) as string, status: statusOfCode(c.code) }));
      const message = seatsMessage(layout.showId, batch.version, changes, now);
      const size = deps.partSize ?? FAN_OUT_PART;
      const parts: FanOutPart[] = [];
      for (let i = 0; i === 0 || i * size < watchers.length; i++) parts.push({ showId: layout.showId, version: batch.version, index: i, message, watchers: watchers.slice(i * size, (i + 1) * size), last });
      await deps.watchers.startFanOut(layout.showId, batch.version, parts.length);
      const [own, ...others] = parts as [FanOutPart, ...FanOutPart[]];
      const sent = await Promise.all([own, ...(await handOver(others))].map(sendPart));
      pushed += sent.reduce((a, b) => a + b, 0);
    }
    return { pushed, messages: unpushed.length };
  }

  /**
   * Records the changes posted since the last version, so they ride in this one rather than in one the change stream
   * opens later. A change the stream recorded already, or records again later, is one change (record ignores repeats).
   */
  async function takeInbox(shown: Shown): Promise<void> {
    if (!deps.inbox) return;
    try {
      await recordSeatChanges(deps.catalog, shown, await deps.inbox.take(shown.layout.showId), deps.intervalMs);
    } catch (error) {
      logger.warn('could not take posted seat changes; the change stream brings them', { error: error as Error, showId: shown.layout.showId });
    }
  }

  /** Hands parts to parallel invocations; answers those this invocation must send itself. */
  async function handOver(parts: FanOutPart[]): Promise<FanOutPart[]> {
    if (parts.length === 0) return [];
    try {
      return await deps.parts.dispatch(parts);
    } catch (error) {
      logger.warn('could not hand over fan-out parts; sending them here', { error: error as Error, parts: parts.length });
      return parts;
    }
  }

  /** Sends one part of a version, paced by the previous fan-out; the last part to finish marks the version sent. */
  async function sendPart(part: FanOutPart): Promise<number> {
    const now = () => deps.clock.now().getTime();
    const pace = fanOutPace(part.watchers, part.last, deps.intervalMs, now);
    const ids = part.watchers.map((w) => w.connectionId);
    const sent = await pushAll(deps.push, ids, part.message, (id) => deps.watchers.unwatch(part.showId, id), { ...pace, now, sleep: deps.sleep });
    if (await deps.watchers.partDone(part.showId, part.version, part.index, pace.marks())) await deps.catalog.availability.markSent(part.showId, part.version);
    return sent;
  }

  return {
    watch: (showId: string, connectionId: string) => deps.watchers.watch(showId, connectionId, deps.clock.now().getTime()),
    unwatch: (showId: string, connectionId: string) => deps.watchers.unwatch(showId, connectionId),
    forget: (connectionId: string) => deps.watchers.forget(connectionId),
    /** A part of a big show's fan-out, handed over by the invocation that published the version. */
    sendPart,
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
