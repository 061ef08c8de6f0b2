import { describe, expect, it } from 'vitest';
import { redis } from '#platform/clients';
import { CONNECTION_TTL_SECONDS, redisConnectionRegistry } from '#adapters/realtime/redis-connection-registry';

const registry = () => redisConnectionRegistry(redis());

describe('the Redis connection registry', () => {
  it('maps connections to their user and back, each entry expiring after API Gateway’s 2 h connection limit', async () => {
    await registry().register('conn-a=', 'reg-user-1');
    await registry().register('conn-b=', 'reg-user-1');
    expect(await registry().userOf('conn-a=')).toBe('reg-user-1');
    expect((await registry().connectionsOf('reg-user-1')).sort()).toEqual(['conn-a=', 'conn-b=']);
    expect(CONNECTION_TTL_SECONDS).toBe(7200);
    expect(await redis().ttl('ws:conn:conn-a=')).toBeGreaterThan(7190);
    expect(await redis().ttl('ws:user:{reg-user-1}')).toBeGreaterThan(7190);
  });

  it('forgets a connection on unregister', async () => {
    await registry().register('conn-c=', 'reg-user-2');
    await registry().unregister('conn-c=');
    expect(await registry().userOf('conn-c=')).toBeUndefined();
    expect(await registry().connectionsOf('reg-user-2')).toEqual([]);
  });

  it('drops a connection whose entry lapsed even though $disconnect never ran', async () => {
    await registry().register('conn-d=', 'reg-user-3');
    await registry().register('conn-e=', 'reg-user-3');
    await redis().del('ws:conn:conn-d=');
    expect(await registry().connectionsOf('reg-user-3')).toEqual(['conn-e=']);
    expect(await redis().smembers('ws:user:{reg-user-3}')).toEqual(['conn-e=']);
  });
});
