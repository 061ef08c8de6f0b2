import { bucketChanged, positionsToRecheck } from '#domain/waiting-room/rank-buckets';
import { etaSeconds } from '#domain/waiting-room/eta';
import { rankUpdate } from '#domain/waiting-room/messages';
import type { RealtimePush } from '#services/ports/realtime';
import type { Subscriptions } from './ports';

/** Pushes go out in parallel, at most this many @connections calls in flight per Lambda. */
const PUSH_CONCURRENCY = 64;

export interface Delivery {
  connectionId: string;
  message: Record<string, unknown>;
}

/**
 * Sends waiting-room messages to subscribers' connections and drops the connections API Gateway reports gone.
 * Every method returns the number of @connections calls it made, which the admission tick reports.
 */
export class RankPush {
  constructor(
    private readonly push: RealtimePush,
    private readonly subscriptions: Subscriptions,
  ) {}

  async deliver(concertId: string, deliveries: Delivery[]): Promise<number> {
    const gone: string[] = [];
    let next = 0;
    const worker = async () => {
      for (let d = deliveries[next++]; d; d = deliveries[next++]) {
        if ((await this.push.send(d.connectionId, d.message)) === 'gone') gone.push(d.connectionId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PUSH_CONCURRENCY, deliveries.length) }, worker));
    await Promise.all(gone.map((c) => this.subscriptions.unsubscribe(concertId, c)));
    return deliveries.length;
  }

  /** Sends one message per user to each of the user's connections. */
  async toUsers(concertId: string, messages: Map<string, Record<string, unknown>>): Promise<number> {
    const connections = await this.subscriptions.connectionsOfMany(concertId, [...messages.keys()]);
    const deliveries = [...messages].flatMap(([userId, message]) => (connections.get(userId) ?? []).map((connectionId) => ({ connectionId, message })));
    return this.deliver(concertId, deliveries);
  }

  /**
   * After a tick: only subscribers whose rank bucket changed hear their new position. `shift` bounds how far any
   * position moved since the previous sweep, so only the positions that may have crossed a bucket are read.
   */
  async sweep(
    concertId: string,
    o: { waiting: number; shift: number; measuredRate: number | undefined; admitPerSecond: number; now: Date },
  ): Promise<number> {
    const candidates = await this.subscriptions.rankCandidates(concertId, positionsToRecheck(o.waiting, o.shift));
    const changed = candidates.filter((c) => bucketChanged(c.pushedPosition, c.position));
    const deliveries = changed.flatMap((c) => {
      const message = rankUpdate(concertId, c.position, etaSeconds(c.position, o.measuredRate, o.admitPerSecond), o.now);
      return c.connectionIds.map((connectionId) => ({ connectionId, message }));
    });
    const calls = await this.deliver(concertId, deliveries);
    await this.subscriptions.markPushed(concertId, changed.map((c) => [c.userId, c.position] as const));
    return calls;
  }
}
