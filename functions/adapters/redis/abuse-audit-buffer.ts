import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import type { AuditBatch, AuditBuffer } from '#services/abuse/ports';
import { abuseKey } from './abuse-keys';
import { LuaScript } from './waiting-room-lua';

/** What one writer takes at most: four BatchWriteItems of 25. */
const CLAIM_ROWS = 100;
/** A writer that died holding a shard loses it after this; its rows are then written again (the same items). */
const LEASE_MS = 10_000;

/**
 * KEYS[1] = the shard's rows (LIST), KEYS[2] = its writer lease. ARGV = lease token, lease ms, claim rows.
 * → the claimed rows (oldest first), or false when the shard is empty or has a writer.
 */
const CLAIM = new LuaScript(`
if redis.call('LLEN', KEYS[1]) == 0 then return false end
if not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
`);

/**
 * KEYS as above; ARGV = token, rows written (0: release only). Trims only while the lease is still this writer's: a
 * writer whose lease lapsed may share its head rows with the next writer, and trimming then would drop unwritten rows.
 */
const FINISH = new LuaScript(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
if tonumber(ARGV[2]) > 0 then redis.call('LTRIM', KEYS[1], tonumber(ARGV[2]), -1) end
redis.call('DEL', KEYS[2])
return 1
`);

/**
 * Abuse audit rows, waiting in Redis lists before their batched write to the table. Each shard is a
 * slot of its own (`{audit:<n>}`), so a cluster spreads them; a row goes to the shard its audit id hashes to.
 * `name` keeps a test's buffer apart from the stage's.
 */
export function redisAuditBuffer(redis: () => Redis, opts: { shards: number; name?: string; leaseMs?: number }): AuditBuffer {
  const name = opts.name ?? 'audit';
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const rowsKey = (shard: number) => abuseKey(`${name}:${shard}`, 'pending');
  const leaseKey = (shard: number) => abuseKey(`${name}:${shard}`, 'writer');
  const shardOf = (auditId: string) => [...auditId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0) % opts.shards;

  const finish = (batch: AuditBatch, written: number) => FINISH.run(redis(), [rowsKey(batch.shard), leaseKey(batch.shard)], [batch.token, written]).then(() => undefined);

  return {
    shards: opts.shards,
    async push(entry) {
      await redis().rpush(rowsKey(shardOf(entry.auditId)), JSON.stringify(entry));
    },
    async claim(shard) {
      const token = randomUUID();
      const rows = await CLAIM.run<string[] | null>(redis(), [rowsKey(shard), leaseKey(shard)], [token, leaseMs, CLAIM_ROWS]);
      return rows ? { shard, token, entries: rows.map((r) => JSON.parse(r) as AbuseAuditEntry) } : undefined;
    },
    done: (batch) => finish(batch, batch.entries.length),
    release: (batch) => finish(batch, 0),
    async backlog() {
      const lengths = await Promise.all(Array.from({ length: opts.shards }, (_, shard) => redis().llen(rowsKey(shard))));
      return lengths.reduce((a, b) => a + b, 0);
    },
  };
}
