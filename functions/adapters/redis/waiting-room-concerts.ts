import type { Redis } from 'ioredis';
import type { ActiveConcerts } from '#services/waiting-room/ports';
import { ACTIVE_CONCERTS_KEY } from './waiting-room-keys';

/**
 * The admission loop's work list. It lives outside the concerts' hash slots, so it cannot be updated inside their
 * scripts; instead removal re-checks: remove, look again, put back if a join slipped in. A join adds the concert
 * after its own script ran, so every interleaving leaves a non-empty line listed.
 */
export function redisActiveConcerts(redis: Redis, key: string = ACTIVE_CONCERTS_KEY): ActiveConcerts {
  return {
    async add(concertId) {
      await redis.sadd(key, concertId);
    },
    async list() {
      return redis.smembers(key);
    },
    async removeIfIdle(concertId, isIdle) {
      if (!(await isIdle())) return;
      await redis.srem(key, concertId);
      if (!(await isIdle())) await redis.sadd(key, concertId);
    },
  };
}
