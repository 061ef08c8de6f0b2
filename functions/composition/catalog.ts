import { systemClock } from '#platform/clock';
import { redis } from '#platform/clients/redis';
import { ulids } from '#platform/ids';
import { dynamoCatalogStore } from '#adapters/dynamo/catalog/catalog-store';
import { dynamoSeatStore } from '#adapters/dynamo/catalog/seat-store';
import { redisJsonCache } from '#adapters/redis/catalog-json-cache';
import { redisSeatAvailability } from '#adapters/redis/seat-availability';
import { concertDetailCache } from '#adapters/redis/catalog-invalidation';
import { redisProjectionStore } from '#adapters/redis/catalog-projection';
import { redisPopularityCounters } from '#adapters/redis/catalog-popularity';
import type { ShowLayout } from '#domain/catalog/availability';
import type { CatalogDeps } from '#services/catalog/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

export type { CatalogDeps };

/** The catalog's real parts (DynamoDB, the Redis caches and availability docs), wired once per cold start. */
export const catalogDeps = lazy(
  (): CatalogDeps => ({
    store: dynamoCatalogStore(db, tableName),
    seats: dynamoSeatStore(db, tableName),
    layouts: redisJsonCache<ShowLayout>(redis, 'catalog:layout:', 3600_000),
    availability: redisSeatAvailability(redis),
    details: concertDetailCache,
    projection: redisProjectionStore(redis),
    popularity: redisPopularityCounters(redis),
    clock: systemClock,
    ids: ulids,
    cacheEnabled: () => process.env.CATALOG_CACHE !== 'off',
    memo: {},
  }),
);
