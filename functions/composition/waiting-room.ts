import type { PopularitySink } from '#services/ports/popularity';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { redis } from '#platform/clients/redis';
import { redisLease } from '#adapters/redis/waiting-room-lease';
import { jwtAdmissionTokens } from '#adapters/jwt/admission-tokens';
import type { AdmissionTokens, Lease } from '#services/waiting-room/ports';
import { AdmissionTick, randomSeed, type SeedSource } from '#services/waiting-room/admission-tick';
import { AdmissionLoop } from '#services/waiting-room/admission-loop';
import { lazy } from './lazy';
import { wireAdmissionGate } from './admission-gate';
import { realQueueSubscriptionPorts, wireQueueSubscriptions, type QueueSubscriptionPorts } from './queue-subscriptions';

export interface WaitingRoomPorts extends QueueSubscriptionPorts {
  lease: Lease;
  tokens: AdmissionTokens;
  seeds?: SeedSource;
  popularity?: PopularitySink;
}

export type WaitingRoom = ReturnType<typeof wireWaitingRoom>;

/** Wires the waiting-room services to a set of ports; tests pass their own clock, push recorder or lease owner. */
export function wireWaitingRoom(p: WaitingRoomPorts, loopOwner: string = p.ids.next()) {
  const { settings, queue, rankPush, subscriptions } = wireQueueSubscriptions(p);
  const tick = new AdmissionTick(p.line, settings, p.tokens, rankPush, p.clock, p.seeds ?? randomSeed, p.popularity);
  return {
    settings,
    queue,
    rankPush,
    subscriptions,
    tick,
    loop: new AdmissionLoop(p.concerts, p.lease, tick, p.line, loopOwner),
    gate: wireAdmissionGate(p),
  };
}

/** The real adapters: the queue's (Redis, SQS, DynamoDB), plus JWT and the @connections API. */
export function realWaitingRoomPorts(): WaitingRoomPorts {
  const r = redis();
  return {
    ...realQueueSubscriptionPorts(),
    lease: redisLease(r),
    tokens: jwtAdmissionTokens,
    popularity: { record: recordPopularity },
  };
}

/** The waiting room's use cases over the real ports, built once per cold start. */
export const waitingRoom = lazy((): WaitingRoom => wireWaitingRoom(realWaitingRoomPorts()));
