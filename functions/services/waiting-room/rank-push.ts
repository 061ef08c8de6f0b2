import { bucketChanged, positionsToRecheck } from '#domain/waiting-room/rank-buckets';
import { etaSeconds } from '#domain/waiting-room/eta';
import { rankUpdate, type ServerMessage } from '#domain/realtime/messages';
import type { RealtimePush } from '#services/ports/realtime';
import { logger } from '#platform/logger';
import type { Subscriptions } from './ports';

/** Pushes go out in parallel, at most this many @connections calls in flight per Lambda. */
const PUSH_CONCURRENCY = 64;
/** Failed ACTIVE/EXPIRED pushes kept for the next tick, per concert; beyond this the oldest are dropped (logged). */
const MAX_RETRIES_PER_CONCERT = 10_000;

export interface Delivery {
  connectionId: string;
  message: ServerMessage;
}

/** @connections calls made, and how many of them failed (throttled, timed out — anything but 410 Gone). */
export interface PushOutcome {
  calls: number;
  failed: Delivery[];
}

export interface RankPushDeps {
  push: RealtimePush;
  subscriptions: Subscriptions;
}

export type RankPush = ReturnType<typeof rankPush>;

/**
 * Sends waiting-room messages to subscribers' connections and drops the connections API Gateway reports gone.
 * A failing push never throws: it is counted and handed back, so a throttled @connections API cannot abort an
 * admission tick after its admissions were committed. Failed ACTIVE/EXPIRED pushes are sent again on the next tick
 * (`retryFailed`); a user whose push is lost for good still reads its token from `queue/me`.
 */
export function rankPush(deps: RankPushDeps) {
  const { push, subscriptions } = deps;
  const retries = new Map<string, Delivery[]>();

  async function deliver(concertId: string, deliveries: Delivery[]): Promise<PushOutcome> {
    const gone: string[] = [];
    const failed: Delivery[] = [];
    let next = 0;
    const worker = async () => {
      for (let d = deliveries[next++]; d; d = deliveries[next++]) {
        try {
          if ((await push.send(d.connectionId, d.message)) === 'gone') gone.push(d.connectionId);
        } catch (error) {
          failed.push(d);
          if (failed.length === 1) logger.warn('push failed; it is retried on the next tick', { concertId, error: error as Error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUSH_CONCURRENCY, deliveries.length) }, worker));
    await Promise.all(gone.map((c) => subscriptions.unsubscribe(concertId, c)));
    return { calls: deliveries.length, failed };
  }

  function keepForRetry(concertId: string, failed: Delivery[]): void {
    if (failed.length === 0) return;
    const queued = [...(retries.get(concertId) ?? []), ...failed];
    if (queued.length > MAX_RETRIES_PER_CONCERT) logger.warn('push retry queue full; oldest pushes dropped', { concertId, dropped: queued.length - MAX_RETRIES_PER_CONCERT });
    retries.set(concertId, queued.slice(-MAX_RETRIES_PER_CONCERT));
  }

  return {
    deliver,

    /** Sends one message per user to each of the user's connections; failures wait for `retryFailed`. */
    async toUsers(concertId: string, messages: Map<string, ServerMessage>): Promise<PushOutcome> {
      const connections = await subscriptions.connectionsOfMany(concertId, [...messages.keys()]);
      const deliveries = [...messages].flatMap(([userId, message]) => (connections.get(userId) ?? []).map((connectionId) => ({ connectionId, message })));
      const outcome = await deliver(concertId, deliveries);
      keepForRetry(concertId, outcome.failed);
      return outcome;
    },

    /** Sends again the ACTIVE/EXPIRED pushes that failed on earlier ticks. */
    async retryFailed(concertId: string): Promise<PushOutcome> {
      const pending = retries.get(concertId) ?? [];
      retries.delete(concertId);
      const outcome = await deliver(concertId, pending);
      keepForRetry(concertId, outcome.failed);
      return outcome;
    },

    /**
     * After a tick: only subscribers whose rank bucket changed hear their new position. `shift` bounds how far any
     * position moved since the previous sweep, so only the positions that may have crossed a bucket are read.
     */
    async sweep(
      concertId: string,
      o: { waiting: number; shift: number; measuredRate: number | undefined; admitPerSecond: number; now: Date },
    ): Promise<PushOutcome> {
      const candidates = await subscriptions.rankCandidates(concertId, positionsToRecheck(o.waiting, o.shift));
      const changed = candidates.filter((c) => bucketChanged(c.pushedPosition, c.position));
      const deliveries = changed.flatMap((c) => {
        const message = rankUpdate(concertId, c.position, etaSeconds(c.position, o.measuredRate, o.admitPerSecond), o.now);
        return c.connectionIds.map((connectionId) => ({ connectionId, message }));
      });
      const outcome = await deliver(concertId, deliveries);
      // A user whose push failed is not marked: its bucket still differs, so a later sweep over its position sends it.
      const failedConnections = new Set(outcome.failed.map((d) => d.connectionId));
      const reached = changed.filter((c) => !c.connectionIds.some((id) => failedConnections.has(id)));
      await subscriptions.markPushed(concertId, reached.map((c) => [c.userId, c.position] as const));
      return outcome;
    },
  };
}
