import * as z from 'zod';
import { isRefusal } from '#domain/errors';
import { logger } from '#platform/logger';
import type { WaitingRoomQueue } from './waiting-room-queue';
import type { QueueSubscriptions } from './queue-subscriptions';

export const bufferedJoinSchema = z.object({ concertId: z.string().min(1), userId: z.string().min(1), ticketId: z.string().min(1) });

export interface BufferedJoinRecord {
  messageId: string;
  body: string;
  /** SentTimestamp: when SQS accepted the message — the arrival time. (ApproximateFirstReceiveTimestamp is not.) */
  sentAtMs: number;
}

/**
 * Drains a batch of buffered joins into the line in enqueue order, through the same script as a direct join, and
 * tells each joiner its first position. Returns the messageIds to retry: only those that failed for a transient
 * reason. A malformed message or a full line is logged and dropped — retrying cannot make it succeed.
 */
export async function drainBufferedJoins(records: BufferedJoinRecord[], queue: WaitingRoomQueue, subscriptions: QueueSubscriptions): Promise<string[]> {
  const ordered = [...records].sort((a, b) => a.sentAtMs - b.sentAtMs);
  const failed: string[] = [];
  const placed: Array<{ concertId: string; userId: string }> = [];
  for (const record of ordered) {
    let join: z.output<typeof bufferedJoinSchema>;
    try {
      join = bufferedJoinSchema.parse(JSON.parse(record.body));
    } catch {
      logger.warn('dropping a malformed buffered join', { messageId: record.messageId });
      continue;
    }
    try {
      await queue.place(join.concertId, join.userId);
      placed.push(join);
    } catch (error) {
      if (isRefusal(error)) {
        logger.warn('buffered join refused', { messageId: record.messageId, concertId: join.concertId, code: error.code });
        continue;
      }
      logger.error('buffered join failed; will retry', { messageId: record.messageId, error: error as Error });
      failed.push(record.messageId);
    }
  }
  // The first position goes out after the whole batch is placed, so a push never delays the next join.
  await Promise.all(
    placed.map((j) =>
      subscriptions.pushCurrent(j.concertId, j.userId).catch((error: unknown) => logger.warn('first rank push failed', { ...j, error: error as Error })),
    ),
  );
  return failed;
}
