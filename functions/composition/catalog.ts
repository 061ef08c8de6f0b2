import { systemClock } from '#platform/clock';
import { ulids } from '#platform/ids';
import { DynamoCatalogStore } from '#adapters/dynamo/catalog/catalog-store';
import { DynamoSeatStore } from '#adapters/dynamo/catalog/seat-store';
import { seatMapCache } from '#adapters/redis/catalog-seat-map-cache';
import { concertDetailCache } from '#adapters/redis/catalog-invalidation';
import { RedisProjectionStore } from '#adapters/redis/catalog-projection';
import { RedisPopularityCounters } from '#adapters/redis/catalog-popularity';
import type { CatalogDeps } from '#services/catalog/ports';

export type { CatalogDeps };


let deps: CatalogDeps | undefined;

export function catalogDeps(): CatalogDeps {
  return (deps ??= {
    store: new DynamoCatalogStore(),
    seats: new DynamoSeatStore(),
    seatMaps: seatMapCache,
    details: concertDetailCache,
    projection: new RedisProjectionStore(),
    popularity: new RedisPopularityCounters(),
    clock: systemClock,
    ids: ulids,
    cacheEnabled: () => process.env.CATALOG_CACHE !== 'off',
    memo: {},
  });
}
