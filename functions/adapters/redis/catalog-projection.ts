import type { Redis } from 'ioredis';
import { redis as platformRedis } from '#platform/clients/redis';
import { logger } from '#platform/logger';
import type { ConcertListing } from '#domain/catalog/search-concerts';
import type { ProjectionStore } from '#services/catalog/ports';

/**
 * The catalog projection in Redis: one JSON document per catalog version, plus the version key every admin
 * write bumps. Why search works this way, and when it moves to OpenSearch: functions/services/catalog/search-concerts.ts.
 */
const VERSION = 'catalog:projection:version';
const documentKey = (version: string) => `catalog:projection:${version}`;
export const PROJECTION_TTL_SECONDS = 60;

export function redisProjectionStore(redis: () => Redis): ProjectionStore {
  return {
    async version() {
      return (await redis().get(VERSION)) ?? '0';
    },

    async get(version) {
      const text = await redis().get(documentKey(version));
      return text ? (JSON.parse(text) as ConcertListing[]) : undefined;
    },

    async set(version, listings) {
      try {
        await redis().set(documentKey(version), JSON.stringify(listings), 'EX', PROJECTION_TTL_SECONDS);
      } catch (error) {
        logger.warn('catalog projection write failed', { error: error as Error });
      }
    },

    invalidate: () => invalidateCatalogProjection(redis),
  };
}

/** Makes the next search rebuild the projection from DynamoDB. */
export async function invalidateCatalogProjection(redis: () => Redis = platformRedis): Promise<void> {
  await redis().incr(VERSION);
}
