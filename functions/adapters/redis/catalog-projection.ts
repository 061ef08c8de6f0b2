import { redis } from '#platform/clients';
import { logger } from '#platform/logger';
import type { ConcertListing } from '#domain/catalog/search-concerts';
import type { ProjectionStore } from '#services/catalog/ports';

/**
 * How concert search works, and when it stops working.
 *
 * Search reads a *catalog projection*: one listing per published concert (title, artist, agency, venue, shows,
 * lowest price, sales-policy times, and the text folded for matching), built from DynamoDB by four GSI1 queries
 * plus one BatchGet of sales policies, stored in Redis as one JSON document per catalog *version*, and queried
 * in memory (filter → sort → keyset page). Each Lambda container also keeps the parsed projection in memory and
 * only re-reads it when the version key changes, so a search costs one small Redis GET plus a scan of an array.
 *
 * Invalidation: every admin write bumps the version (`invalidateCatalogProjection`), so the next search
 * rebuilds; a projection built while a write happened is stored under the old version and never read. A TTL
 * (PROJECTION_TTL_SECONDS) bounds staleness from writers outside the catalog (the sales-policy PUT should call
 * `invalidateConcertReads`, functions/adapters/redis/catalog-invalidation.ts).
 *
 * Scale: a listing is ~1 KB, so 10,000 concerts is a ~10 MB document, a rebuild of ~10,000 items and a scan of a
 * few milliseconds. Past a few thousand live concerts, or when we want relevance ranking, typo tolerance or
 * Korean morphological analysis (the OpenSearch `nori` analyzer), move search to OpenSearch fed by DynamoDB
 * Streams, keeping this module's interface (the service does not change).
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
