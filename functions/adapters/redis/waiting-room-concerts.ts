import type { Redis } from 'ioredis';
import type { ActiveConcerts } from '#services/waiting-room/ports';
import { ACTIVE_CONCERTS_KEY } from './waiting-room-keys';

/**
 * The admission loop's work list. It lives outside the concerts' hash slots, so it cannot be updated inside their
 * scripts; instead removal re-checks: remove, look again, put back if a join slipped in. A join adds the concert
 * after its own script ran, so every interleaving leaves a non-empty line listed.
 */
export function redisActiveConcerts(redis: Redis): ActiveConcerts {
  return {
    async add(concertId) {
      await redis.sadd(ACTIVE_CONCERTS_KEY, concertId);
    },
    async list() {
      return redis.smembers(ACTIVE_CONCERTS_KEY);
    },
    async removeIfIdle(concertId, isIdle) {
      if (!(await isIdle())) return;
      await redis.srem(ACTIVE_CONCERTS_KEY, concertId);
      if (!(await isIdle())) await redis.sadd(ACTIVE_CONCERTS_KEY, concertId);
    },
  };
}
