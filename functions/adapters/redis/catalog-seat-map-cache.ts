import type { SeatMap } from '#domain/catalog/seat-map';
import { RedisJsonCache } from './catalog-json-cache';

/**
 * Seat maps cached per show for at most 1 s: a rush of seat-map reads costs one DynamoDB query per show per
 * second (per Lambda container that misses at once), and a hold shows within 1 s even if nobody invalidates.
 * Writers that flip seats call `invalidateSeatMap(showId)` so the next read is fresh at once.
 */
export const SEAT_MAP_TTL_MS = 1_000;

export const seatMapCache = new RedisJsonCache<SeatMap>('catalog:seatmap:', SEAT_MAP_TTL_MS);

/** For the holds / payments / expiry paths: call after a seat of the show changed status. */
export const invalidateSeatMap = (showId: string): Promise<void> => seatMapCache.invalidate([showId]);
