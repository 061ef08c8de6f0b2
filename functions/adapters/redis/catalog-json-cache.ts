import { redis } from '#platform/clients/redis';
import { logger } from '#platform/logger';
import type { JsonCache } from '#services/catalog/ports';

/**
 * A read-through cache entry per id in Redis, JSON with a TTL. The cache is an optimisation: when Redis fails,
 * a read falls through to DynamoDB and a write or invalidation is skipped (the TTL bounds the staleness).
 */
export class RedisJsonCache<T> implements JsonCache<T> {
  constructor(
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  key(id: string): string {
    return `${this.prefix}${id}`;
  }

  async get(id: string): Promise<T | undefined> {
    try {
      const buffer = await redis().getBuffer(this.key(id));
      return buffer ? (JSON.parse(buffer.toString('utf8')) as T) : undefined;
    } catch (error) {
      logger.warn('catalog cache read failed', { prefix: this.prefix, error: error as Error });
      return undefined;
    }
  }

  async set(id: string, value: T): Promise<void> {
    try {
      await redis().set(this.key(id), JSON.stringify(value), 'PX', this.ttlMs);
    } catch (error) {
      logger.warn('catalog cache write failed', { prefix: this.prefix, error: error as Error });
    }
  }

  async invalidate(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    try {
      await redis().del(...ids.map((id) => this.key(id)));
    } catch (error) {
      logger.warn('catalog cache invalidation failed', { prefix: this.prefix, error: error as Error });
    }
  }
}
