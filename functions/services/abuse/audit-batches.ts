import type { AbuseAuditEntry } from '#domain/abuse/audit';
import { logger } from '#platform/logger';
import type { AbuseAudit, AuditBatch, AuditBuffer } from './ports';

/**
 * Claims (of up to 100 rows) per shard in one flush: the sweep's bound (160,000 rows, well inside its minute), and
 * the audit query's, which writes what a normal minute leaves (8,000 rows) and leaves a larger backlog to the sweep.
 */
export const FLUSH_CLAIMS = { sweep: 200, query: 10 } as const;

/**
 * The abuse audit as requests write it: a row (a refusal, or an allowed hold/pay/cancel) costs the request one Redis
 * call, and reaches the table in BatchWriteItems of 25, written by the minute's sweep and before every ADMIN query
 * of the audit (so a query never misses a row buffered before it). No request waits for a table write, so a flood of
 * refused bot requests cannot load the table one write each. If the buffer is unreachable, the row is written
 * straight to the table.
 */
export function batchedAudit(deps: { buffer: AuditBuffer; store: Pick<AbuseAudit, 'record' | 'recordMany'> }) {
  async function write(batch: AuditBatch): Promise<number> {
    try {
      await deps.store.recordMany(batch.entries);
    } catch (error) {
      await deps.buffer.release(batch).catch(() => undefined);
      throw error;
    }
    await deps.buffer.done(batch);
    return batch.entries.length;
  }

  return {
    async record(entry: AbuseAuditEntry): Promise<void> {
      try {
        await deps.buffer.push(entry);
      } catch (error) {
        logger.warn('abuse audit buffer unavailable; writing the row directly', { error: error as Error });
        await deps.store.record(entry);
      }
    },

    /** Writes the buffered rows, up to `claimsPerShard` claims a shard (one another writer holds is left to it). */
    async flush(claimsPerShard: number = FLUSH_CLAIMS.sweep): Promise<number> {
      const perShard = await Promise.all(
        Array.from({ length: deps.buffer.shards }, async (_, shard) => {
          let written = 0;
          for (let round = 0; round < claimsPerShard; round++) {
            const batch = await deps.buffer.claim(shard);
            if (!batch) break;
            written += await write(batch);
          }
          return written;
        }),
      );
      const written = perShard.reduce((a, b) => a + b, 0);
      if (written) logger.info('abuse audit rows flushed', { written });
      return written;
    },

    /** Rows still buffered: the sweep reports it, and an alarm fires when the buffer grows instead of draining. */
    backlog: () => deps.buffer.backlog(),
  };
}

export type BatchedAudit = ReturnType<typeof batchedAudit>;
