import type { Redis } from 'ioredis';
import type { ConnectGrants } from '#services/waiting-room/ports';
import { LuaScript } from './waiting-room-lua';

/**
 * The connect budget as a fixed one-second window: `{ws-connect}:<second>` counts offers, `{ws-connect}:u:<user>`
 * remembers a user's offer for OFFER_TTL_SECONDS so a repeated poll (or a reconnect) is not counted twice. The hash
 * tag keeps both keys on one cluster slot, so the check-and-count is one atomic script.
 * KEYS: window, offer · ARGV: budget, offerTtlSeconds
 */
const GRANT = new LuaScript(`
if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], 2) end
if n > tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[2], '1', 'EX', ARGV[2])
return 1
`);

/** An offer outlives the time from "near the front" to the end of an admission slot's first minutes. */
const OFFER_TTL_SECONDS = 600;

export function redisConnectGrants(redis: Redis, perSecond: number): ConnectGrants {
  return {
    perSecond,
    async grant(userId, nowMs) {
      const window = `{ws-connect}:${Math.floor(nowMs / 1000)}`;
      return (await GRANT.run<number>(redis, [window, `{ws-connect}:u:${userId}`], [perSecond, OFFER_TTL_SECONDS])) === 1;
    },
  };
}
