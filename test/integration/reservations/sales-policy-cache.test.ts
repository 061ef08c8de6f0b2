import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cachedSalesPolicyStore } from '#adapters/redis/sales-policy-cache';
import { dynamoSalesPolicyStore } from '#adapters/dynamo/sales-policy-store';
import { dynamo, redis, tableName } from '#platform/clients';
import { ulids } from '#platform/ids';
import type { SalesPolicyInput } from '#domain/sales-policy';

const policy = (maxTicketsPerUser: number): SalesPolicyInput => ({
  generalSaleStartAt: '2026-01-01T00:00:00.000Z',
  maxTicketsPerUser,
  holdTtlSeconds: 300,
  paymentTtlSeconds: 600,
  refundCutoffHours: 24,
});

// Two stores over the same Redis and table stand for two Lambda instances.
const instance = () => cachedSalesPolicyStore(dynamoSalesPolicyStore(dynamo, tableName), redis);

describe('the sales-policy cache', () => {
  it('applies a PUT on another instance to the very next read', async () => {
    const concertId = `pc-${ulids.next()}`;
    const [admin, buyer] = [instance(), instance()];
    expect(await buyer.get(concertId)).toBeUndefined(); // "no policy" is cached too
    await admin.put(concertId, policy(2), new Date());
    expect((await buyer.get(concertId))?.maxTicketsPerUser).toBe(2);
    await admin.put(concertId, policy(3), new Date());
    expect((await buyer.get(concertId))?.maxTicketsPerUser).toBe(3);
  });

  it('never lets a reader that read the old policy overwrite a newer one', async () => {
    const concertId = `pc-${ulids.next()}`;
    const store = dynamoSalesPolicyStore(dynamo, tableName);
    await store.put(concertId, policy(2), new Date());
    // A reader misses and reads the old policy from DynamoDB; the PUT lands before its cache fill.
    let releaseReader!: () => void;
    const slowInner = { ...store, get: async (id: string) => { const p = await store.get(id); await new Promise<void>((r) => (releaseReader = r)); return p; } };
    const reader = cachedSalesPolicyStore(slowInner, redis).get(concertId);
    await new Promise((r) => setTimeout(r, 50));
    await instance().put(concertId, policy(4), new Date());
    releaseReader();
    expect((await reader)?.maxTicketsPerUser).toBe(2); // that one request saw the old policy…
    expect((await instance().get(concertId))?.maxTicketsPerUser).toBe(4); // …but the cache kept the new one
  });

  it('reads DynamoDB when Redis is unreachable', async () => {
    const concertId = `pc-${ulids.next()}`;
    await instance().put(concertId, policy(5), new Date());
    const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    const store = cachedSalesPolicyStore(dynamoSalesPolicyStore(dynamo, tableName), () => dead);
    expect((await store.get(concertId))?.maxTicketsPerUser).toBe(5);
    dead.disconnect();
  });
});

describe('the sales-policy cache when a sale opens', () => {
  it('serves the buyers who arrive together at a cold entry with one DynamoDB read', async () => {
    const concertId = `pc-${ulids.next()}`;
    const store = dynamoSalesPolicyStore(dynamo, tableName);
    await store.put(concertId, policy(4), new Date());
    let reads = 0;
    const counting = { ...store, get: (id: string) => ((reads += 1), store.get(id)) };
    const cache = cachedSalesPolicyStore(counting, redis);
    const seen = await Promise.all(Array.from({ length: 30 }, () => cache.get(concertId)));
    expect(seen.every((p) => p?.maxTicketsPerUser === 4)).toBe(true);
    expect(reads).toBe(1);
  });
});
