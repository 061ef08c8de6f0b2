import type { Redis } from 'ioredis';
import { CONNECTION_TTL_SECONDS } from '#adapters/realtime/redis-connection-registry';
import type { SeatWatchers } from '#services/live-updates/ports';

const watchersKey = (showId: string) => `seatwatch:{${showId}}`;

/**
 * One set of connection ids per show. It expires with the longest a connection can live, renewed by every watch;
 * connections that went away without `unwatchSeats` are removed when a push to them answers 410.
 */
export function redisSeatWatchers(redis: Redis): SeatWatchers {
  return {
    async watch(showId, connectionId) {
      await redis.multi().sadd(watchersKey(showId), connectionId).expire(watchersKey(showId), CONNECTION_TTL_SECONDS).exec();
    },
    async unwatch(showId, connectionId) {
      await redis.srem(watchersKey(showId), connectionId);
    },
    watchersOf: (showId) => redis.smembers(watchersKey(showId)),
  };
}
