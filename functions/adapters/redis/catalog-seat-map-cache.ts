import { redis } from '#platform/clients';
import { logger } from '#platform/logger';
import type { SeatMap } from '#domain/catalog/seat-map';
import type { SeatMapCache } from '#services/catalog/ports';

/**
 * Seat maps cached per show, stale-while-revalidate:
 * - a map is *fresh* for SEAT_MAP_TTL_MS (1 s) after it was built, or until a writer calls `invalidateSeatMap`;
 * - after that it is kept as *stale* for SEAT_MAP_STALE_MS; one reader (a Redis lock) rebuilds it from DynamoDB
 *   while the others keep serving the stale copy, so a rush of reads never waits on, or piles onto, DynamoDB.
 * A read therefore sees a map built at most 1 s ago, or the previous one while the rebuild (one Query of the
 * show's partition: ~100 ms in AWS, ~0.7 s for 10,800 seats on DynamoDB Local) is in flight.
 */
export const SEAT_MAP_TTL_MS = 1_000;
const SEAT_MAP_STALE_MS = 30_000;
const REFRESH_LOCK_MS = 5_000;

const docKey = (showId: string) => `catalog:seatmap:${showId}`;
const freshKey = (showId: string) => `catalog:seatmap:fresh:${showId}`;
const lockKey = (showId: string) => `catalog:seatmap:refresh:${showId}`;

const warn = (what: string, error: unknown) => logger.warn(`seat map cache ${what} failed`, { error: error as Error });

export class RedisSeatMapCache implements SeatMapCache {
  async read(showId: string): Promise<{ map: SeatMap; fresh: boolean } | undefined> {
    try {
      const replies = await redis().multi().exists(freshKey(showId)).getBuffer(docKey(showId)).exec();
      const fresh = replies?.[0]?.[1] === 1;
      const doc = replies?.[1]?.[1] as Buffer | null | undefined;
      // Buffers, not strings: ioredis decodes a megabyte string reply ~10× slower than JSON.parse reads a buffer's text.
      return doc ? { map: JSON.parse(doc.toString('utf8')) as SeatMap, fresh } : undefined;
    } catch (error) {
      warn('read', error);
      return undefined;
    }
  }

  async write(showId: string, map: SeatMap): Promise<void> {
    try {
      await redis()
        .multi()
        .set(docKey(showId), JSON.stringify(map), 'PX', SEAT_MAP_STALE_MS)
        .set(freshKey(showId), '1', 'PX', SEAT_MAP_TTL_MS)
        .del(lockKey(showId))
        .exec();
    } catch (error) {
      warn('write', error);
    }
  }

  async claimRefresh(showId: string): Promise<boolean> {
    try {
      return (await redis().set(lockKey(showId), '1', 'PX', REFRESH_LOCK_MS, 'NX')) === 'OK';
    } catch (error) {
      warn('lock', error);
      return true;
    }
  }

  async invalidate(showIds: string[]): Promise<void> {
    if (showIds.length === 0) return;
    try {
      await redis().del(...showIds.map(freshKey));
    } catch (error) {
      warn('invalidation', error);
    }
  }
}

export const seatMapCache = new RedisSeatMapCache();

/** For the holds / payments / expiry paths: call after a seat of the show changed status. */
export const invalidateSeatMap = (showId: string): Promise<void> => seatMapCache.invalidate([showId]);
