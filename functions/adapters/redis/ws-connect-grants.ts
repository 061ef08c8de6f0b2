import type { Redis } from 'ioredis';
import type { ConnectGrants } from '#services/waiting-room/ports';
import { LuaScript } from './waiting-room-lua';

/**
 * The connect budget as a GCRA (generic cell rate) limiter: `{ws-connect}:tat` holds the theoretical arrival time
 * of the next offer. Offers aim at 95% of the budget — a client starts its connect some milliseconds after its offer,
 * which can move it into the next second — and a tenth of the budget may go at once while the rest is spread evenly,
 * so no one-second span, however it is cut, sees more than the budget; a fixed one-second window would let a full
 * budget through at the end of one second and another at the start of the next. A stored time far ahead of the
 * caller's clock (a clock that jumped, or a test's clock) is forgotten rather than block offers until then.
 * `{ws-connect}:u:<user>` remembers a user's offer for OFFER_TTL_SECONDS so a repeated poll (or a reconnect) is not
 * counted twice. The hash tag keeps both keys on one cluster slot, so the check-and-count is one atomic script.
 * KEYS: tat, offer · ARGV: intervalMs, burstMs, nowMs, offerTtlSeconds
 */
const GRANT = new LuaScript(`
if redis.call('EXISTS', KEYS[2]) == 1 then return 1 end
local interval, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now or tat - now > 60000 then tat = now end
if tat - now > burst then return 0 end
redis.call('SET', KEYS[1], tat + interval, 'PX', math.ceil(tat + interval - now) + 1000)
redis.call('SET', KEYS[2], '1', 'EX', ARGV[4])
return 1
`);

/** An offer outlives the time from "near the front" to the end of an admission slot's first minutes. */
const OFFER_TTL_SECONDS = 600;
/** The share of a second's budget that may go out at one instant, and the share offers aim at in all. */
const BURST_SHARE = 0.1;
const AIM_SHARE = 0.95;

export function redisConnectGrants(redis: Redis, perSecond: number): ConnectGrants {
  const intervalMs = 1000 / (perSecond * (AIM_SHARE - BURST_SHARE));
  const burstMs = (Math.max(1, Math.floor(perSecond * BURST_SHARE)) - 1) * intervalMs;
  return {
    perSecond,
    async grant(userId, nowMs) {
      return (await GRANT.run<number>(redis, ['{ws-connect}:tat', `{ws-connect}:u:${userId}`], [intervalMs, burstMs, nowMs, OFFER_TTL_SECONDS])) === 1;
    },
  };
}
