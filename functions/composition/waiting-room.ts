import type { PopularitySink } from '#services/ports/popularity';
import { redisPopularitySink } from '#adapters/redis/catalog-popularity';
import { redis } from '#platform/clients/redis';
import { redisLease } from '#adapters/redis/waiting-room-lease';
import type { Lease } from '#services/waiting-room/ports';
import { admissionTick, type SeedSource } from '#services/waiting-room/admission-tick';
import { admissionLoop } from '#services/waiting-room/admission-loop';
import { lazy } from './lazy';
import { wireAdmissionGate } from './admission-gate';
import { realQueueSubscriptionPorts, wireQueueSubscriptions, type QueueSubscriptionPorts } from './queue-subscriptions';

export interface WaitingRoomPorts extends QueueSubscriptionPorts {
  lease: Lease;
  seeds?: SeedSource;
  popularity?: PopularitySink;
}

export type WaitingRoom = ReturnType<typeof wireWaitingRoom>;

/** Wires the waiting-room services to a set of ports; tests pass their own clock, push recorder or lease owner. */
export function wireWaitingRoom(p: WaitingRoomPorts, loopOwner: string = p.ids.next()) {
  const { line, arming, settings, queue, rankPush, subscriptions } = wireQueueSubscriptions(p);
  const tick = admissionTick({ line, settings, tokens: p.tokens, push: rankPush, clock: p.clock, seeds: p.seeds, popularity: p.popularity });
  return {
    settings,
    queue,
    rankPush,
    subscriptions,
    tick,
    loop: admissionLoop({ concerts: p.concerts, lease: p.lease, tick, line, owner: loopOwner, arming }),
    gate: wireAdmissionGate(p),
  };
}

/** The real adapters: the queue's (Redis, SQS, DynamoDB, JWT, the loop's rule), plus the lease and the @connections API. */
export function realWaitingRoomPorts(): WaitingRoomPorts {
  const r = redis();
  return {
    ...realQueueSubscriptionPorts(),
    lease: redisLease(r),
    popularity: redisPopularitySink(redis),
  };
}

/** The waiting room's use cases over the real ports, built once per cold start. */
export const waitingRoom = lazy((): WaitingRoom => wireWaitingRoom(realWaitingRoomPorts()));
