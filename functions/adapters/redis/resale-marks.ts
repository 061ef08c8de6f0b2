import type { Redis } from 'ioredis';
import type { ResaleMarks } from '#services/live-updates/ports';

/** Longer than the change stream keeps a record (24 h) and EventBridge retries an event (≤ 24 h). */
const MARK_TTL_SECONDS = 2 * 24 * 3600;

/** `resale:{concertId}:<reservationId>`: set once a release's slot was given up (hash-tagged with the concert). */
export function redisResaleMarks(redis: () => Redis): ResaleMarks {
  const key = (concertId: string, reservationId: string) => `resale:{${concertId}}:${reservationId}`;
  return {
    async seen(concertId, reservationId) {
      return (await redis().exists(key(concertId, reservationId))) === 1;
    },
    async mark(concertId, reservationId) {
      await redis().set(key(concertId, reservationId), '1', 'EX', MARK_TTL_SECONDS);
    },
  };
}
