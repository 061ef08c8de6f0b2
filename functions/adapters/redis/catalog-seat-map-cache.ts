import { redis } from '#platform/clients/redis';
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
 *
 * The fresh marker holds the `generatedAt` of the map it vouches for, and each container keeps the last maps it
 * parsed: while the marker still names the copy in memory, a read is one tiny GET instead of moving and parsing
 * a megabyte (a 10,800-seat map is ~1.1 MB of JSON).
 */
export const SEAT_MAP_TTL_MS = 1_000;
const SEAT_MAP_STALE_MS = 30_000;
const REFRESH_LOCK_MS = 5_000;

const docKey = (showId: string) => `catalog:seatmap:${showId}`;
const freshKey = (showId: string) => `catalog:seatmap:fresh:${showId}`;
const lockKey = (showId: string) => `catalog:seatmap:refresh:${showId}`;

const MEMO_ENTRIES = 8;
const memo = new Map<string, SeatMap>();
function remember(showId: string, map: SeatMap): void {
  memo.delete(showId);
  memo.set(showId, map);
  if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
}

const warn = (what: string, error: unknown) => logger.warn(`seat map cache ${what} failed`, { error: error as Error });

export class RedisSeatMapCache implements SeatMapCache {
  async read(showId: string): Promise<{ map: SeatMap; fresh: boolean } | undefined> {
    try {
      const stamp = await redis().get(freshKey(showId));
      const remembered = memo.get(showId);
      if (stamp && remembered?.generatedAt === stamp) return { map: remembered, fresh: true };
      // A buffer, not a string: ioredis decodes a megabyte string reply ~10× slower than this.
      const doc = await redis().getBuffer(docKey(showId));
      if (!doc) return undefined;
      const map = JSON.parse(doc.toString('utf8')) as SeatMap;
      remember(showId, map);
      return { map, fresh: stamp !== null };
    } catch (error) {
      warn('read', error);
      return undefined;
    }
  }

  async write(showId: string, map: SeatMap): Promise<void> {
    try {
      remember(showId, map);
      await redis()
        .multi()
        .set(docKey(showId), JSON.stringify(map), 'PX', SEAT_MAP_STALE_MS)
        .set(freshKey(showId), map.generatedAt, 'PX', SEAT_MAP_TTL_MS)
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
