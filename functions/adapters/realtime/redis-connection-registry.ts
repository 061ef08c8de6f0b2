import type { Redis } from 'ioredis';
import type { ConnectionRegistry } from '#services/ports/connection-registry';

/** API Gateway closes every WebSocket connection after 2 hours, so no entry needs to outlive that. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60;

const connectionKey = (connectionId: string) => `ws:conn:${connectionId}`;
const userKey = (userId: string) => `ws:user:{${userId}}`;

/**
 * connectionId → userId as a string key, and userId → connection ids as a set, both expiring with the TTL.
 * Set members whose connection key has lapsed are dropped when read.
 */
export function redisConnectionRegistry(redis: Redis): ConnectionRegistry {
  return {
    async register(connectionId, userId) {
      await redis
        .multi()
        .set(connectionKey(connectionId), userId, 'EX', CONNECTION_TTL_SECONDS)
        .sadd(userKey(userId), connectionId)
        .expire(userKey(userId), CONNECTION_TTL_SECONDS)
        .exec();
    },
    async unregister(connectionId) {
      const userId = await redis.getdel(connectionKey(connectionId));
      if (userId) await redis.srem(userKey(userId), connectionId);
    },
    async userOf(connectionId) {
      return (await redis.get(connectionKey(connectionId))) ?? undefined;
    },
    async connectionsOf(userId) {
      const ids = await redis.smembers(userKey(userId));
      if (!ids.length) return [];
      const owners = await redis.mget(ids.map(connectionKey));
      const lapsed = ids.filter((_, i) => owners[i] !== userId);
      if (lapsed.length) await redis.srem(userKey(userId), ...lapsed);
      return ids.filter((_, i) => owners[i] === userId);
    },
  };
}
