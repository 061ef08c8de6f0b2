import type { Redis } from 'ioredis';
import { logger } from '#platform/logger';
import type { JsonCache } from '#services/catalog/ports';

/**
 * A read-through cache entry per id in Redis, JSON with a TTL. The cache is an optimisation: when Redis fails,
 * a read falls through to DynamoDB and a write or invalidation is skipped (the TTL bounds the staleness).
 */
export function redisJsonCache<T>(redis: () => Redis, prefix: string, ttlMs: number): JsonCache<T> {
  const key = (id: string) => `${prefix}${id}`;
  return {
    async get(id) {
      try {
        const buffer = await redis().getBuffer(key(id));
        return buffer ? (JSON.parse(buffer.toString('utf8')) as T) : undefined;
      } catch (error) {
        logger.warn('catalog cache read failed', { prefix, error: error as Error });
        return undefined;
      }
    },

    async set(id, value) {
      try {
        await redis().set(key(id), JSON.stringify(value), 'PX', ttlMs);
      } catch (error) {
        logger.warn('catalog cache write failed', { prefix, error: error as Error });
      }
    },

    async invalidate(ids) {
      if (ids.length === 0) return;
      try {
        await redis().del(...ids.map(key));
      } catch (error) {
        logger.warn('catalog cache invalidation failed', { prefix, error: error as Error });
      }
    },
  };
}
