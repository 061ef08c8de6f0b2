import type { ConcertDetailParts } from '#domain/catalog/concert-detail';
import { redis } from '#platform/clients/redis';
import { redisJsonCache } from './catalog-json-cache';
import { invalidateCatalogProjection } from './catalog-projection';

/** Concert detail parts cached per concert; admin writes invalidate, the TTL bounds anything missed. */
export const CONCERT_DETAIL_TTL_MS = 30_000;
export const concertDetailCache = redisJsonCache<ConcertDetailParts>(redis, 'catalog:concert:', CONCERT_DETAIL_TTL_MS);

/**
 * For writers outside the catalog whose change shows in concert reads — the sales-policy PUT in particular:
 * the concert's detail and the search projection (onSale) are rebuilt on the next read.
 */
export async function invalidateConcertReads(concertId: string): Promise<void> {
  await Promise.all([concertDetailCache.invalidate([concertId]), invalidateCatalogProjection()]);
}
