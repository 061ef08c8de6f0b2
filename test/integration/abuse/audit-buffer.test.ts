import { describe, expect, it } from 'vitest';
import { dynamoAbuseAuditWriter } from '#adapters/dynamo/abuse-audit';
import { dynamoAbuseAuditReader } from '#adapters/dynamo/abuse-audit-query';
import { redisAuditBuffer } from '#adapters/redis/abuse-audit-buffer';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import { dynamo, redis, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import { batchedAudit } from '#services/abuse/audit-batches';
import { unique } from './harness';

const store = dynamoAbuseAuditWriter(dynamo, tableName, { retentionDays: () => 30 });
const reader = dynamoAbuseAuditReader(dynamo, tableName, { retentionDays: () => 30, now: () => new Date() });
/** A buffer of the test's own (its own keys), so other tests' rows never fill or drain it. */
const ownBuffer = (opts: { shards: number; leaseMs?: number }) => redisAuditBuffer(redis, { ...opts, name: unique('audit-test') });

const rowsOf = (userId: string, n: number): AbuseAuditEntry[] =>
  Array.from({ length: n }, (_, i) => ({ auditId: ulids.next(), action: 'HOLD', result: 'ALLOWED', userId, concertId: 'c-buffer', clientAddress: 'hashed', requestId: `req-${i}`, at: new Date().toISOString() }));
const stored = async (userId: string) => (await reader.query({ userId }, { limit: 100 })).items.length;

describe('the abuse audit buffer', () => {
  it('keeps rows out of the request’s way until a flush writes them, up to 100 rows a claim and a bounded number of claims', async () => {
    const userId = unique('buffered');
    const batches: number[] = [];
    const audit = batchedAudit({ buffer: ownBuffer({ shards: 1 }), store: { ...store, recordMany: (rows) => (batches.push(rows.length), store.recordMany(rows)) } });
    const rows = rowsOf(userId, 130);
    for (const row of rows) await audit.record(row);
    expect(await stored(userId)).toBe(0);
    expect(await audit.flush(1)).toBe(100);
    expect(await audit.flush()).toBe(30);
    expect(batches).toEqual([100, 30]);
    expect(await stored(userId)).toBe(100);
    expect((await reader.query({ userId }, { limit: 100, cursor: (await reader.query({ userId }, { limit: 100 })).nextCursor ?? '' })).items).toHaveLength(30);
    expect(await audit.flush()).toBe(0);
  });

  it('spreads rows over its shards, and a flush writes every shard and leaves no backlog', async () => {
    const userId = unique('sharded');
    const audit = batchedAudit({ buffer: ownBuffer({ shards: 8 }), store });
    await Promise.all(rowsOf(userId, 40).map((r) => audit.record(r)));
    expect(await stored(userId)).toBe(0);
    expect(await audit.backlog()).toBe(40);
    expect(await audit.flush()).toBe(40);
    expect(await stored(userId)).toBe(40);
    expect(await audit.backlog()).toBe(0);
  });

  it('keeps a batch whose write failed, and a later writer writes it', async () => {
    const userId = unique('failed-write');
    const buffer = ownBuffer({ shards: 1 });
    const failing = batchedAudit({ buffer, store: { ...store, recordMany: () => Promise.reject(Object.assign(new Error('throttled'), { name: 'ThrottlingException' })) } });
    for (const row of rowsOf(userId, 25)) await failing.record(row);
    await expect(failing.flush()).rejects.toThrow('throttled');
    expect(await stored(userId)).toBe(0);
    expect(await batchedAudit({ buffer, store }).flush()).toBe(25);
    expect(await stored(userId)).toBe(25);
  });

  it('gives a shard to one writer at a time; a writer that died loses it when its lease ends, and its rows are written once more', async () => {
    const userId = unique('dead-writer');
    const buffer = ownBuffer({ shards: 1, leaseMs: 300 });
    for (const row of rowsOf(userId, 3)) await buffer.push(row);
    const dead = await buffer.claim(0);
    expect(dead?.entries).toHaveLength(3);
    expect(await buffer.claim(0)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 400));
    const next = await buffer.claim(0);
    expect(next?.entries.map((e) => e.auditId)).toEqual(dead?.entries.map((e) => e.auditId));
    await store.recordMany(next?.entries ?? []);
    await buffer.done(next as NonNullable<typeof next>);
    // The dead writer's late `done` must not trim rows that arrived after it lost the shard.
    await buffer.push(rowsOf(userId, 1)[0] as AbuseAuditEntry);
    await buffer.done(dead as NonNullable<typeof dead>);
    expect((await buffer.claim(0))?.entries).toHaveLength(1);
  });

  it('writes a row straight to the table when the buffer is unreachable', async () => {
    const userId = unique('no-buffer');
    const down = Object.assign(new Error('Connection is closed.'), { name: 'Error' });
    const audit = batchedAudit({ buffer: { ...ownBuffer({ shards: 1 }), push: () => Promise.reject(down) }, store });
    await audit.record(rowsOf(userId, 1)[0] as AbuseAuditEntry);
    expect(await stored(userId)).toBe(1);
  });
});
