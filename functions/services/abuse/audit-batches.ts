import type { AbuseAuditEntry } from '#domain/abuse/audit';
import { logger } from '#platform/logger';
import type { AbuseAudit, AuditBatch, AuditBuffer } from './ports';

/** Claims (of up to 100 rows) per shard in one flush: bounds a flush that races a flood of new rows. */
const MAX_CLAIMS_PER_SHARD = 200;

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

    /** Writes every buffered row (a shard another writer holds is left to it); → rows written. */
    async flush(): Promise<number> {
      const perShard = await Promise.all(
        Array.from({ length: deps.buffer.shards }, async (_, shard) => {
          let written = 0;
          for (let round = 0; round < MAX_CLAIMS_PER_SHARD; round++) {
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
  };
}

export type BatchedAudit = ReturnType<typeof batchedAudit>;
