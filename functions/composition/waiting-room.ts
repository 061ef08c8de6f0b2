import type { PopularitySink } from '#services/ports/popularity';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { systemClock, type Clock } from '#platform/clock';
import { ulids, type Ids } from '#platform/ids';
import { config } from '#platform/config';
import { redis } from '#platform/clients/redis';
import { sqs } from '#platform/clients/sqs';
import { db, tableName } from './shared-ports';
import { lazy } from './lazy';
import { redisWaitingLine } from '#adapters/redis/waiting-room-line';
import { redisQueueConfigStore } from '#adapters/redis/waiting-room-config';
import { redisSubscriptions } from '#adapters/redis/waiting-room-subscriptions';
import { redisLease } from '#adapters/redis/waiting-room-lease';
import { redisActiveConcerts } from '#adapters/redis/waiting-room-concerts';
import { sqsJoinBuffer } from '#adapters/sqs/join-buffer';
import { dynamoSaleOpenings } from '#adapters/dynamo/sale-openings';
import { jwtAdmissionTokens } from '#adapters/jwt/admission-tokens';
import { connectionsPush } from '#adapters/realtime/connections-push';
import type { RealtimePush } from '#services/ports/realtime';
import type { AdmissionTokens, JoinBuffer, SaleOpenings, WaitingLine, QueueConfigStore, Subscriptions, ActiveConcerts, Lease } from '#services/waiting-room/ports';
import { QueueSettings } from '#services/waiting-room/queue-settings';
import { WaitingRoomQueue } from '#services/waiting-room/waiting-room-queue';
import { RankPush } from '#services/waiting-room/rank-push';
import { QueueSubscriptions } from '#services/waiting-room/queue-subscriptions';
import { AdmissionTick, randomSeed, type SeedSource } from '#services/waiting-room/admission-tick';
import { AdmissionLoop } from '#services/waiting-room/admission-loop';
import { AdmissionGate } from '#services/waiting-room/admission-gate';

export interface WaitingRoomPorts {
  line: WaitingLine;
  configStore: QueueConfigStore;
  subscriptions: Subscriptions;
  concerts: ActiveConcerts;
  lease: Lease;
  buffer: JoinBuffer;
  openings: SaleOpenings;
  tokens: AdmissionTokens;
  push: RealtimePush;
  clock: Clock;
  ids: Ids;
  seeds?: SeedSource;
  popularity?: PopularitySink;
}

export type WaitingRoom = ReturnType<typeof wireWaitingRoom>;

/** Wires the waiting-room services to a set of ports; tests pass their own clock, push recorder or lease owner. */
export function wireWaitingRoom(p: WaitingRoomPorts, loopOwner: string = p.ids.next()) {
  const settings = new QueueSettings(p.configStore, p.openings, p.clock);
  const queue = new WaitingRoomQueue(p.line, settings, p.concerts, p.buffer, p.clock, p.ids);
  const rankPush = new RankPush(p.push, p.subscriptions);
  const tick = new AdmissionTick(p.line, settings, p.tokens, rankPush, p.clock, p.seeds ?? randomSeed, p.popularity);
  return {
    settings,
    queue,
    rankPush,
    subscriptions: new QueueSubscriptions(p.subscriptions, queue, rankPush, p.clock),
    tick,
    loop: new AdmissionLoop(p.concerts, p.lease, tick, p.line, loopOwner),
    gate: new AdmissionGate(p.tokens, p.line, p.clock),
  };
}

/** The real adapters: Redis, SQS (only when a join is buffered), DynamoDB, JWT and the @connections API. */
export function realWaitingRoomPorts(): WaitingRoomPorts {
  const r = redis();
  return {
    line: redisWaitingLine(r),
    configStore: redisQueueConfigStore(r),
    subscriptions: redisSubscriptions(r),
    concerts: redisActiveConcerts(r),
    lease: redisLease(r),
    buffer: { enqueue: (join) => sqsJoinBuffer(sqs(), config('JOIN_QUEUE_URL').JOIN_QUEUE_URL).enqueue(join) },
    openings: { policyTimes: (concertId) => dynamoSaleOpenings(db(), tableName()).policyTimes(concertId) },
    tokens: jwtAdmissionTokens,
    push: connectionsPush,
    popularity: { record: recordPopularity },
    clock: systemClock,
    ids: ulids,
  };
}

/** The waiting room's use cases over the real ports, built once per cold start. */
export const waitingRoom = lazy((): WaitingRoom => wireWaitingRoom(realWaitingRoomPorts()));
