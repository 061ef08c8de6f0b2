import { PutCommand } from '#platform/clients/dynamo-commands';
import { ManualClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { dynamo, redis, tableName } from '#platform/clients';
import { keys } from '#adapters/dynamo/keys';
import type { PushResult, RealtimePush } from '#services/ports/realtime';
import { realWaitingRoomPorts, wireWaitingRoom, type WaitingRoomPorts } from '#composition/waiting-room';
import type { QueueConfig } from '#domain/waiting-room/queue-config';

/**
 * A RealtimePush that records every message; connections listed in `gone` answer 410, those in `throttled` fail as
 * API Gateway's @connections does when throttling (429 LimitExceededException).
 */
export class RecordingPush implements RealtimePush {
  readonly sent: Array<{ connectionId: string; message: Record<string, unknown> }> = [];
  readonly gone = new Set<string>();
  readonly throttled = new Set<string>();
  async send(connectionId: string, message: Record<string, unknown>): Promise<PushResult> {
    if (this.gone.has(connectionId)) return 'gone';
    if (this.throttled.has(connectionId)) throw Object.assign(new Error('Rate exceeded'), { name: 'LimitExceededException', $metadata: { httpStatusCode: 429 } });
    this.sent.push({ connectionId, message });
    return 'sent';
  }
  to(connectionId: string) {
    return this.sent.filter((s) => s.connectionId === connectionId).map((s) => s.message);
  }
  clear() {
    this.sent.length = 0;
  }
}

/** The waiting room on the real local Redis, DynamoDB Local, SQS and JWT keys, with a manual clock and a push recorder. */
export function harness(overrides: Partial<WaitingRoomPorts> = {}, loopOwner?: string) {
  const clock = new ManualClock(new Date('2026-12-24T10:00:00.000Z'));
  const push = new RecordingPush();
  const ports = { ...realWaitingRoomPorts(), clock, push, ...overrides };
  return { clock, push, ports, wr: wireWaitingRoom(ports, loopOwner) };
}

export const newConcertId = () => `itest-${ulids.next()}`;
export const users = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

export const config = (c: Partial<QueueConfig> = {}): QueueConfig => ({
  mode: 'direct',
  admitPerSecond: 10,
  maxActive: 20,
  activeTtlSeconds: 60,
  maxWaiting: 100_000,
  randomizeAtOpen: false,
  ...c,
});

export async function putSalesPolicy(concertId: string, times: { presaleStartAt?: string; generalSaleStartAt: string }) {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...keys.salesPolicy(concertId), concertId, ...times } }));
}

export { redis };
