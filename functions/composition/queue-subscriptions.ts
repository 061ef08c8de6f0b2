import { connectionsPush } from '#adapters/realtime/connections-push';
import { redisSubscriptions } from '#adapters/redis/waiting-room-subscriptions';
import { redis } from '#platform/clients/redis';
import type { RealtimePush } from '#services/ports/realtime';
import type { Subscriptions } from '#services/waiting-room/ports';
import { queueSubscriptions as queueSubscriptionsService } from '#services/waiting-room/queue-subscriptions';
import { rankPush as rankPushService } from '#services/waiting-room/rank-push';
import { lazy } from './lazy';
import { realWaitingRoomQueuePorts, wireWaitingRoomQueue, type WaitingRoomQueuePorts } from './waiting-room-queue';

/** Following one's place in line over WebSocket: the queue plus rank pushes; no admission tokens. */
export interface QueueSubscriptionPorts extends WaitingRoomQueuePorts {
  subscriptions: Subscriptions;
  push: RealtimePush;
}

export function wireQueueSubscriptions(p: QueueSubscriptionPorts) {
  const wired = wireWaitingRoomQueue(p);
  const rankPush = rankPushService({ push: p.push, subscriptions: p.subscriptions });
  return { ...wired, rankPush, subscriptions: queueSubscriptionsService({ subscriptions: p.subscriptions, queue: wired.queue, push: rankPush, clock: p.clock }) };
}

export const realQueueSubscriptionPorts = (): QueueSubscriptionPorts => ({
  ...realWaitingRoomQueuePorts(),
  subscriptions: redisSubscriptions(redis()),
  push: connectionsPush,
});

export const queueSubscriptions = lazy(() => wireQueueSubscriptions(realQueueSubscriptionPorts()));
