import type { PopularitySink } from '#services/ports/popularity';
import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { systemClock, type Clock } from '#platform/clock';
import { ulids, type Ids } from '#platform/ids';
import { config } from '#platform/config';
import { dynamo, eventBridge, redis, sqs, tableName } from '#platform/clients';
import { redisWaitingLine } from '#adapters/redis/waiting-room-line';
import { redisQueueConfigStore } from '#adapters/redis/waiting-room-config';
import { redisSubscriptions } from '#adapters/redis/waiting-room-subscriptions';
import { redisLease } from '#adapters/redis/waiting-room-lease';
import { redisActiveConcerts } from '#adapters/redis/waiting-room-concerts';
import { redisConnectGrants } from '#adapters/redis/ws-connect-grants';
import { redisArmedMark } from '#adapters/redis/admission-loop-mark';
import { alwaysOnLoop, eventBridgeLoopSwitch } from '#adapters/events/admission-loop-switch';
import { LoopArming } from './loop-arming';
import { sqsJoinBuffer } from '#adapters/sqs/join-buffer';
import { dynamoSaleOpenings } from '#adapters/dynamo/sale-openings';
import { jwtAdmissionTokens } from '#adapters/jwt/admission-tokens';
import { connectionsPush } from '#adapters/realtime/connections-push';
import type { RealtimePush } from '#services/ports/realtime';
import { dynamoQueueConfigAudit } from '#adapters/dynamo/queue-config-audit';
import { lineWithSlotTokens } from './slot-tokens';
import type { AdmissionLoopSwitch, AdmissionTokens, ArmedMark, ConnectGrants, JoinBuffer, SaleOpenings, WaitingLine, QueueConfigAudit, QueueConfigStore, Subscriptions, ActiveConcerts, Lease } from './ports';
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
  configAudit: QueueConfigAudit;
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
  /** The stage's WebSocket connect budget; without one every fan near the front is told to connect. */
  connectGrants?: ConnectGrants;
  /** The admission loop's schedule switch and its armed mark; without them the loop is always on. */
  loopSwitch?: AdmissionLoopSwitch;
  armedMark?: ArmedMark;
}

/** Without a shared mark (unit tests), this process's memory stands in. */
function memoryMark(): ArmedMark {
  let set = false;
  return {
    setIfAbsent: async () => !set && (set = true),
    set: async () => void (set = true),
    clear: async () => void (set = false),
  };
}

const unlimitedConnects: ConnectGrants = { perSecond: Infinity, grant: async () => true };

export type WaitingRoom = ReturnType<typeof wireWaitingRoom>;

/** Wires the waiting-room services to a set of ports; tests pass their own clock, push recorder or lease owner. */
export function wireWaitingRoom(p: WaitingRoomPorts, loopOwner: string = p.ids.next()) {
  const line = lineWithSlotTokens(p.line, p.tokens, p.clock);
  const settings = new QueueSettings(p.configStore, p.openings, p.clock, p.configAudit, p.ids);
  const arming = new LoopArming(p.armedMark ?? memoryMark(), p.loopSwitch ?? alwaysOnLoop, p.clock);
  const queue = new WaitingRoomQueue(line, settings, p.concerts, p.buffer, p.clock, p.ids, p.connectGrants ?? unlimitedConnects, arming);
  const rankPush = new RankPush(p.push, p.subscriptions);
  const tick = new AdmissionTick(line, settings, p.tokens, rankPush, p.clock, p.seeds ?? randomSeed, p.popularity);
  return {
    settings,
    queue,
    rankPush,
    subscriptions: new QueueSubscriptions(p.subscriptions, queue, rankPush, p.clock),
    tick,
    loop: new AdmissionLoop(p.concerts, p.lease, tick, line, loopOwner, arming),
    gate: new AdmissionGate(p.tokens, line, p.clock),
  };
}

/** The real adapters: Redis, SQS (only when a join is buffered), DynamoDB, JWT and the @connections API. */
export function realWaitingRoomPorts(): WaitingRoomPorts {
  const r = redis();
  return {
    line: redisWaitingLine(r),
    configStore: redisQueueConfigStore(r),
    configAudit: dynamoQueueConfigAudit(dynamo, tableName),
    subscriptions: redisSubscriptions(r),
    concerts: redisActiveConcerts(r),
    lease: redisLease(r),
    buffer: { enqueue: (join) => sqsJoinBuffer(sqs(), config('JOIN_QUEUE_URL').JOIN_QUEUE_URL).enqueue(join) },
    openings: { policyTimes: (concertId) => dynamoSaleOpenings(dynamo(), tableName()).policyTimes(concertId) },
    tokens: jwtAdmissionTokens,
    push: connectionsPush,
    popularity: { record: recordPopularity },
    connectGrants: redisConnectGrants(r, config('WS_CONNECTS_PER_SECOND').WS_CONNECTS_PER_SECOND),
    armedMark: redisArmedMark(r),
    loopSwitch: loopSwitchFromConfig(),
    clock: systemClock,
    ids: ulids,
  };
}

/** The rule named by ADMISSION_LOOP_RULE_NAME (CDK and the local cloud set it); none: the loop is always on. */
function loopSwitchFromConfig(): AdmissionLoopSwitch {
  const ruleName = config('ADMISSION_LOOP_RULE_NAME').ADMISSION_LOOP_RULE_NAME;
  return ruleName ? eventBridgeLoopSwitch(eventBridge, ruleName) : alwaysOnLoop;
}

let instance: WaitingRoom | undefined;
/** The composition root for handlers: built once per cold start. */
export const waitingRoom = (): WaitingRoom => (instance ??= wireWaitingRoom(realWaitingRoomPorts()));
