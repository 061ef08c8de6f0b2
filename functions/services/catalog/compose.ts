import { systemClock, type Clock } from '#platform/clock';
import { redis } from '#platform/clients';
import { ulids, type Ids } from '#platform/ids';
import { DynamoCatalogStore } from '#adapters/dynamo/catalog/catalog-store';
import { DynamoSeatStore } from '#adapters/dynamo/catalog/seat-store';
import { RedisJsonCache } from '#adapters/redis/catalog-json-cache';
import { redisSeatAvailability } from '#adapters/redis/seat-availability';
import { concertDetailCache } from '#adapters/redis/catalog-invalidation';
import { RedisProjectionStore } from '#adapters/redis/catalog-projection';
import { RedisPopularityCounters } from '#adapters/redis/catalog-popularity';
import type { ShowLayout } from '#domain/catalog/availability';
import type { ConcertDetailParts } from '#domain/catalog/concert-detail';
import type { AvailabilityStore } from '#services/ports/seat-availability';
import type { ConcertListing } from '#domain/catalog/search-concerts';
import type { CatalogStore, JsonCache, PopularityCounters, ProjectionStore, SeatStore } from './ports';

/** Everything the catalog services use, wired once per cold start. Tests build their own with other parts. */
export interface CatalogDeps {
  store: CatalogStore;
  seats: SeatStore;
  /** Layouts by `<concertId>/<showId>` (immutable). */
  layouts: JsonCache<ShowLayout>;
  availability: AvailabilityStore;
  details: JsonCache<ConcertDetailParts>;
  projection: ProjectionStore;
  popularity: PopularityCounters;
  clock: Clock;
  ids: Ids;
  /**
   * `CATALOG_CACHE=off` makes every read go to DynamoDB. Read per call, not at cold start, so the benchmark can
   * measure the uncached baseline in the same process as the cached run.
   */
  cacheEnabled: () => boolean;
  /** The projection as this container last read it, so an unchanged catalog costs no parse. */
  memo: { projection?: { version: string; listings: ConcertListing[]; loadedAt: number } };
}

let deps: CatalogDeps | undefined;

export function catalogDeps(): CatalogDeps {
  return (deps ??= {
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
  });
}
