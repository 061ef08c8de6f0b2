import type { Redis } from 'ioredis';
import type { ArmedMark } from '#services/waiting-room/ports';

export const LOOP_ARMED_KEY = 'wr:loop-armed';

/**
 * A running loop renews the mark every tick; if the schedule is switched off behind the waiting room's back (a
 * deploy resetting the rule, an operator), the loop stops, the mark lapses, and the next join arms again.
 */
const MARK_TTL_SECONDS = 180;

/** `wr:loop-armed`: set while the admission loop's schedule is armed. */
export function redisArmedMark(redis: Redis, key: string = LOOP_ARMED_KEY): ArmedMark {
  return {
    async setIfAbsent() {
      return (await redis.set(key, '1', 'EX', MARK_TTL_SECONDS, 'NX')) === 'OK';
    },
    async set() {
      await redis.set(key, '1', 'EX', MARK_TTL_SECONDS);
    },
    async clear() {
      await redis.del(key);
    },
  };
}
