import type { Redis } from 'ioredis';
import type { SeatLock } from '#services/lab/ports';

/** SET NX PX, and on success a fencing token from a per-seat counter, in one atomic step. */
const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('INCR', KEYS[2]) end return 0`;
/** Deletes the lock only if it is still ours: a lapsed lock taken by someone else is left alone. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export function redisSeatLock(redis: () => Redis, showId = 'contention'): SeatLock {
  // The hash tag keeps a seat's lock and fence counter in one cluster slot, as a multi-key script needs.
  const lockKey = (seatId: string) => `lab:{${showId}:${seatId}}:lock`;
  const fenceKey = (seatId: string) => `lab:{${showId}:${seatId}}:fence`;
  return {
    async tryAcquire(seatId, owner, ttlMs) {
      const fence = Number(await redis().eval(ACQUIRE, 2, lockKey(seatId), fenceKey(seatId), owner, String(ttlMs)));
      return fence > 0 ? fence : undefined;
    },
    async release(seatId, owner) {
      await redis().eval(RELEASE, 1, lockKey(seatId), owner);
    },
  };
}
