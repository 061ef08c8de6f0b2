import type { Redis } from 'ioredis';
import type { WaitingLine } from '#services/waiting-room/ports';
import { waitingRoomKeys } from './waiting-room-keys';

/**
 * The one read the hold route's admission check makes: a user's ACTIVE slot expiry. Apart from the line adapter so
 * the hold bundle carries none of the line's Lua scripts.
 */
export function redisActiveSlots(redis: Redis): Pick<WaitingLine, 'activeSlotExpiry'> {
  return {
    async activeSlotExpiry(concertId, userId, nowMs) {
      const expiry = await redis.zscore(waitingRoomKeys(concertId).active, userId);
      return expiry !== null && Number(expiry) > nowMs ? Number(expiry) : undefined;
    },
  };
}
