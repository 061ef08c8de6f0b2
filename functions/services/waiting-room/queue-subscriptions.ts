import type { Clock } from '#platform/clock';
import { activeMessage, expiredMessage, rankUpdate, type ServerMessage } from '#domain/realtime/messages';
import type { QueueStatus } from '#domain/waiting-room/queue-status';
import type { Subscriptions } from './ports';
import type { RankPush } from './rank-push';
import type { WaitingRoomQueue } from './waiting-room-queue';

/** The message that tells a subscriber where it stands now, or undefined when it is not in the line. */
export function currentMessage(s: QueueStatus, at: Date): ServerMessage | undefined {
  switch (s.status) {
    case 'WAITING':
    case 'PREQUEUE':
      return rankUpdate(s.concertId, s.position, s.etaSeconds, at);
    case 'ACTIVE':
      return s.admissionToken && s.activeExpiresAt ? activeMessage(s.concertId, s.admissionToken, s.activeExpiresAt, at) : undefined;
    case 'EXPIRED':
      return expiredMessage(s.concertId, at);
    default:
      return undefined;
  }
}

export interface QueueSubscriptionsDeps {
  subscriptions: Subscriptions;
  queue: WaitingRoomQueue;
  push: RankPush;
  clock: Clock;
}

export type QueueSubscriptions = ReturnType<typeof queueSubscriptions>;

/** WebSocket `subscribe` / `unsubscribe`: register the connection and tell it the current place at once. */
export function queueSubscriptions(deps: QueueSubscriptionsDeps) {
  const { subscriptions, queue, push, clock } = deps;

  /** Tells the given connections (default: all of the user's) the user's current place; records it for the buckets. */
  async function pushCurrent(concertId: string, userId: string, connectionIds?: string[]): Promise<number> {
    const status = await queue.status(concertId, userId);
    const message = currentMessage(status, clock.now());
    if (!message) return 0;
    const targets = connectionIds ?? (await subscriptions.connectionsOf(concertId, userId));
    const { calls } = await push.deliver(concertId, targets.map((connectionId) => ({ connectionId, message })));
    if (status.status === 'WAITING') await subscriptions.markPushed(concertId, [[userId, status.position]]);
    return calls;
  }

  return {
    async subscribe(concertId: string, connectionId: string, userId: string): Promise<void> {
      await subscriptions.subscribe(concertId, connectionId, userId);
      await pushCurrent(concertId, userId, [connectionId]);
    },

    async unsubscribe(concertId: string, connectionId: string): Promise<void> {
      await subscriptions.unsubscribe(concertId, connectionId);
    },

    pushCurrent,
  };
}
