import { systemClock } from '#platform/clock';
import { redis } from '#platform/clients/redis';
import { ulids } from '#platform/ids';
import { DynamoCatalogStore } from '#adapters/dynamo/catalog/catalog-store';
import { DynamoSeatStore } from '#adapters/dynamo/catalog/seat-store';
import { RedisJsonCache } from '#adapters/redis/catalog-json-cache';
import { redisSeatAvailability } from '#adapters/redis/seat-availability';
import { concertDetailCache } from '#adapters/redis/catalog-invalidation';
import { RedisProjectionStore } from '#adapters/redis/catalog-projection';
import { RedisPopularityCounters } from '#adapters/redis/catalog-popularity';
import type { ShowLayout } from '#domain/catalog/availability';
import type { CatalogDeps } from '#services/catalog/ports';
import { lazy } from './lazy';

export type { CatalogDeps };

/** The catalog's real parts (DynamoDB, the Redis caches and availability docs), wired once per cold start. */
export const catalogDeps = lazy(
  (): CatalogDeps => ({
    store: new DynamoCatalogStore(),
    seats: new DynamoSeatStore(),
    layouts: new RedisJsonCache<ShowLayout>('catalog:layout:', 3600_000),
    availability: redisSeatAvailability(redis),
    details: concertDetailCache,
    projection: new RedisProjectionStore(),
    popularity: new RedisPopularityCounters(),
    clock: systemClock,
    ids: ulids,
    cacheEnabled: () => process.env.CATALOG_CACHE !== 'off',
    memo: {},
  }),
);
