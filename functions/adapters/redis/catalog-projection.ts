import { redis } from '#platform/clients/redis';
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

export class RedisProjectionStore implements ProjectionStore {
  async version(): Promise<string> {
    return (await redis().get(VERSION)) ?? '0';
  }

  async get(version: string): Promise<ConcertListing[] | undefined> {
    const text = await redis().get(documentKey(version));
    return text ? (JSON.parse(text) as ConcertListing[]) : undefined;
  }

  async set(version: string, listings: ConcertListing[]): Promise<void> {
    try {
      await redis().set(documentKey(version), JSON.stringify(listings), 'EX', PROJECTION_TTL_SECONDS);
    } catch (error) {
      logger.warn('catalog projection write failed', { error: error as Error });
    }
  }

  invalidate(): Promise<void> {
    return invalidateCatalogProjection();
  }
}

/** Makes the next search rebuild the projection from DynamoDB. */
export async function invalidateCatalogProjection(): Promise<void> {
  await redis().incr(VERSION);
}
