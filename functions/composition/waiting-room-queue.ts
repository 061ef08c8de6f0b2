import { dynamoSaleOpenings } from '#adapters/dynamo/sale-openings';
import { redisActiveConcerts } from '#adapters/redis/waiting-room-concerts';
import { redisQueueConfigStore } from '#adapters/redis/waiting-room-config';
import { redisWaitingLine } from '#adapters/redis/waiting-room-line';
import { sqsJoinBuffer } from '#adapters/sqs/join-buffer';
import { redis } from '#platform/clients/redis';
import { sqs } from '#platform/clients/sqs';
import { systemClock, type Clock } from '#platform/clock';
import { config } from '#platform/config';
import { ulids, type Ids } from '#platform/ids';
import type { ActiveConcerts, JoinBuffer, QueueConfigStore, SaleOpenings, WaitingLine } from '#services/waiting-room/ports';
import { QueueSettings } from '#services/waiting-room/queue-settings';
import { WaitingRoomQueue } from '#services/waiting-room/waiting-room-queue';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

/** What joining, reading and leaving the line (and the queue config routes) need: no tokens, no pushes. */
export interface WaitingRoomQueuePorts {
  line: WaitingLine;
  configStore: QueueConfigStore;
  concerts: ActiveConcerts;
  buffer: JoinBuffer;
  openings: SaleOpenings;
  clock: Clock;
  ids: Ids;
}

export function wireWaitingRoomQueue(p: WaitingRoomQueuePorts) {
  const settings = new QueueSettings(p.configStore, p.openings, p.clock);
  return { settings, queue: new WaitingRoomQueue(p.line, settings, p.concerts, p.buffer, p.clock, p.ids) };
}

/** Redis, SQS (only when a join is buffered) and the sale opening times in DynamoDB. */
export function realWaitingRoomQueuePorts(): WaitingRoomQueuePorts {
  const r = redis();
  return {
    line: redisWaitingLine(r),
    configStore: redisQueueConfigStore(r),
    concerts: redisActiveConcerts(r),
    buffer: { enqueue: (join) => sqsJoinBuffer(sqs(), config('JOIN_QUEUE_URL').JOIN_QUEUE_URL).enqueue(join) },
    openings: { policyTimes: (concertId) => dynamoSaleOpenings(db(), tableName()).policyTimes(concertId) },
    clock: systemClock,
    ids: ulids,
  };
}

export const waitingRoomQueue = lazy(() => wireWaitingRoomQueue(realWaitingRoomQueuePorts()));
