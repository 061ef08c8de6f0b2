import { dynamoQueueConfigAudit } from '#adapters/dynamo/queue-config-audit';
import { dynamoSaleOpenings } from '#adapters/dynamo/sale-openings';
import { alwaysOnLoop, eventBridgeLoopSwitch } from '#adapters/events/admission-loop-switch';
import { jwtAdmissionTokens } from '#adapters/jwt/admission-tokens';
import { redisArmedMark } from '#adapters/redis/admission-loop-mark';
import { redisActiveConcerts } from '#adapters/redis/waiting-room-concerts';
import { redisQueueConfigStore } from '#adapters/redis/waiting-room-config';
import { redisWaitingLine } from '#adapters/redis/waiting-room-line';
import { redisConnectGrants } from '#adapters/redis/ws-connect-grants';
import { sqsJoinBuffer } from '#adapters/sqs/join-buffer';
import { eventBridge } from '#platform/clients/event-bridge';
import { redis } from '#platform/clients/redis';
import { sqs } from '#platform/clients/sqs';
import { systemClock, type Clock } from '#platform/clock';
import { config } from '#platform/config';
import { ulids, type Ids } from '#platform/ids';
import { loopArming } from '#services/waiting-room/loop-arming';
import type {
  ActiveConcerts,
  AdmissionLoopSwitch,
  AdmissionTokens,
  ArmedMark,
  ConnectGrants,
  JoinBuffer,
  QueueConfigAudit,
  QueueConfigStore,
  SaleOpenings,
  WaitingLine,
} from '#services/waiting-room/ports';
import { queueSettings } from '#services/waiting-room/queue-settings';
import { lineWithSlotTokens } from '#services/waiting-room/slot-tokens';
import { waitingRoomQueue as waitingRoomQueueService } from '#services/waiting-room/waiting-room-queue';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/**
 * What joining, reading and leaving the line (and the queue config routes) need: no pushes, no lease. Tokens are
 * here because an ACTIVE placement is read with its admission token minted from the slot (slot-tokens.ts).
 */
export interface WaitingRoomQueuePorts {
  line: WaitingLine;
  tokens: AdmissionTokens;
  configStore: QueueConfigStore;
  configAudit: QueueConfigAudit;
  concerts: ActiveConcerts;
  buffer: JoinBuffer;
  openings: SaleOpenings;
  clock: Clock;
  ids: Ids;
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

/** `line` is the line as every service reads it (with slot tokens); `arming` is shared with the admission loop. */
export function wireWaitingRoomQueue(p: WaitingRoomQueuePorts) {
  const line = lineWithSlotTokens(p.line, p.tokens, p.clock);
  const settings = queueSettings({ store: p.configStore, openings: p.openings, clock: p.clock, audit: p.configAudit, ids: p.ids });
  const arming = loopArming({ mark: p.armedMark ?? memoryMark(), loopSwitch: p.loopSwitch ?? alwaysOnLoop, clock: p.clock });
  const queue = waitingRoomQueueService({
    line,
    settings,
    concerts: p.concerts,
    buffer: p.buffer,
    clock: p.clock,
    ids: p.ids,
    grants: p.connectGrants ?? unlimitedConnects,
    arming,
  });
  return { line, arming, settings, queue };
}

/**
 * The rule named by ADMISSION_LOOP_RULE_NAME (the `admissionLoop` need); none: the loop is always on. Read at each
 * switch, not at wiring: one wiring may serve functions with and without the need (the local cloud's one process).
 */
function loopSwitchFromConfig(): AdmissionLoopSwitch {
  const current = () => {
    const ruleName = config('ADMISSION_LOOP_RULE_NAME').ADMISSION_LOOP_RULE_NAME;
    return ruleName ? eventBridgeLoopSwitch(eventBridge, ruleName) : alwaysOnLoop;
  };
  return { arm: () => current().arm(), disarm: () => current().disarm() };
}

/** Redis, SQS (only when a join is buffered), DynamoDB (sale openings, config audit) and the loop's schedule rule. */
export function realWaitingRoomQueuePorts(): WaitingRoomQueuePorts {
  const r = redis();
  return {
    line: redisWaitingLine(r),
    tokens: jwtAdmissionTokens,
    configStore: redisQueueConfigStore(r),
    configAudit: dynamoQueueConfigAudit(db, tableName),
    concerts: redisActiveConcerts(r),
    buffer: sqsJoinBuffer(sqs, () => config('JOIN_QUEUE_URL').JOIN_QUEUE_URL),
    openings: { policyTimes: (concertId) => dynamoSaleOpenings(db(), tableName()).policyTimes(concertId) },
    connectGrants: redisConnectGrants(r, config('WS_CONNECTS_PER_SECOND').WS_CONNECTS_PER_SECOND),
    armedMark: redisArmedMark(r),
    loopSwitch: loopSwitchFromConfig(),
    clock: systemClock,
    ids: ulids,
  };
}

export const waitingRoomQueue = lazy(() => wireWaitingRoomQueue(realWaitingRoomQueuePorts()));
