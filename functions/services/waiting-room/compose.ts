import type { PopularitySink } from '#services/ports/popularity';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { systemClock, type Clock } from '#platform/clock';
import { ulids, type Ids } from '#platform/ids';
import { config } from '#platform/config';
import { dynamo, redis, sqs, tableName } from '#platform/clients';
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
import { lineWithSlotTokens } from './slot-tokens';
import type { AdmissionTokens, JoinBuffer, SaleOpenings, WaitingLine, QueueConfigStore, Subscriptions, ActiveConcerts, Lease } from './ports';
import { QueueSettings } from './queue-settings';
import { WaitingRoomQueue } from './waiting-room-queue';
import { RankPush } from './rank-push';
import { QueueSubscriptions } from './queue-subscriptions';
import { AdmissionTick, randomSeed, type SeedSource } from './admission-tick';
import { AdmissionLoop } from './admission-loop';
import { AdmissionGate } from './admission-gate';

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
  const line = lineWithSlotTokens(p.line, p.tokens, p.clock);
  const settings = new QueueSettings(p.configStore, p.openings, p.clock);
  const queue = new WaitingRoomQueue(line, settings, p.concerts, p.buffer, p.clock, p.ids);
  const rankPush = new RankPush(p.push, p.subscriptions);
  const tick = new AdmissionTick(line, settings, p.tokens, rankPush, p.clock, p.seeds ?? randomSeed, p.popularity);
  return {
    settings,
    queue,
    rankPush,
    subscriptions: new QueueSubscriptions(p.subscriptions, queue, rankPush, p.clock),
    tick,
    loop: new AdmissionLoop(p.concerts, p.lease, tick, line, loopOwner),
    gate: new AdmissionGate(p.tokens, line, p.clock),
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
    openings: { policyTimes: (concertId) => dynamoSaleOpenings(dynamo(), tableName()).policyTimes(concertId) },
    tokens: jwtAdmissionTokens,
    push: connectionsPush,
    popularity: { record: recordPopularity },
    clock: systemClock,
    ids: ulids,
  };
}

let instance: WaitingRoom | undefined;
/** The composition root for handlers: built once per cold start. */
export const waitingRoom = (): WaitingRoom => (instance ??= wireWaitingRoom(realWaitingRoomPorts()));
