import { LuaScript } from './waiting-room-lua';

/**
 * The waiting room's Lua scripts. Each runs atomically on the concert's slot, so no join, leave or tick ever sees
 * another half-done. Placement replies share one shape: { state, value, rate|false, extra }, where value is the
 * 1-based position (WAITING) or the slot expiry in ms (ACTIVE). No admission token is stored: it is minted from the
 * slot when read (services/waiting-room/slot-tokens.ts).
 */

// A placement lookup shared by join and status: ACTIVE (unexpired) > WAITING > PREQUEUE > EXPIRED > NONE.
const PLACEMENT = `
local function placement(waiting, active, prequeue, lapsed, user, now)
  local a = redis.call('ZSCORE', active, user)
  if a and tonumber(a) > now then return {'ACTIVE', a} end
  local r = redis.call('ZRANK', waiting, user)
  if r then return {'WAITING', r + 1} end
  if redis.call('ZSCORE', prequeue, user) then return {'PREQUEUE', 0} end
  if a or redis.call('SISMEMBER', lapsed, user) == 1 then return {'EXPIRED', 0} end
  return {'NONE', 0}
end
`;

/**
 * KEYS: waiting, active, prequeue, lapsed, state, seq, opened
 * ARGV: userId, nowMs, maxWaiting, phase (OPEN | PREQUEUE)
 * → {state, value, rate, lineWasEmpty} or {'FULL', size}
 */
export const JOIN = new LuaScript(`${PLACEMENT}
local user, now = ARGV[1], tonumber(ARGV[2])
local rate = redis.call('HGET', KEYS[5], 'rate')
local p = placement(KEYS[1], KEYS[2], KEYS[3], KEYS[4], user, now)
if p[1] == 'ACTIVE' or p[1] == 'WAITING' or p[1] == 'PREQUEUE' then return {p[1], p[2], rate, 0} end
local waiting, prequeue = redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[3])
if waiting + prequeue >= tonumber(ARGV[3]) then return {'FULL', waiting + prequeue} end
local empty = 0
if waiting + prequeue == 0 and redis.call('ZCARD', KEYS[2]) == 0 then empty = 1 end
if p[1] == 'EXPIRED' then
  -- A lapsed slot the loop has not swept yet is dropped here; rejoining goes to the back of the line.
  redis.call('ZREM', KEYS[2], user)
  redis.call('SREM', KEYS[4], user)
end
local seq = redis.call('INCR', KEYS[6])
if ARGV[4] == 'PREQUEUE' and redis.call('EXISTS', KEYS[7]) == 0 then
  redis.call('ZADD', KEYS[3], seq, user)
  return {'PREQUEUE', 0, rate, empty}
end
-- The newest sequence number sorts last (the pre-queue draw uses negative scores), so the position is the count.
redis.call('ZADD', KEYS[1], seq, user)
return {'WAITING', waiting + 1, rate, empty}
`);

/** KEYS: waiting, active, prequeue, lapsed, state · ARGV: userId, nowMs → {state, value, rate} */
export const STATUS = new LuaScript(`${PLACEMENT}
local p = placement(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], tonumber(ARGV[2]))
return {p[1], p[2], redis.call('HGET', KEYS[5], 'rate')}
`);

/**
 * Leaving the line, or giving back a slot (which frees it for the next in line at the next tick).
 * KEYS: waiting, active, prequeue, lapsed, shift, pushed · ARGV: userId
 */
export const LEAVE = new LuaScript(`
local user = ARGV[1]
if redis.call('ZREM', KEYS[1], user) == 1 then redis.call('INCR', KEYS[5]) end
redis.call('ZREM', KEYS[2], user)
redis.call('ZREM', KEYS[3], user)
redis.call('SREM', KEYS[4], user)
redis.call('HDEL', KEYS[6], user)
return 1
`);

/**
 * One admission tick: lapse expired slots, then move up to admitPerSecond from the head of WAITING to ACTIVE while
 * fewer than maxActive are ACTIVE. Returns how far any waiting position moved since the previous tick (admitted +
 * leaves), which bounds the rank-push sweep.
 * KEYS: waiting, active, shift, admitted, lapsed, pushed, prequeue, state
 * ARGV: nowMs, admitPerSecond, maxActive, ttlMs
 * → {lapsed[], admitted[], shift, waiting, active, prequeue, expiresAtMs, previous rate|false, previous tickAt|false}
 */
export const ADMIT = new LuaScript(`
local now = tonumber(ARGV[1])
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, u in ipairs(lapsed) do
  redis.call('ZREM', KEYS[2], u)
  redis.call('SADD', KEYS[5], u)
end
local room = math.min(tonumber(ARGV[3]) - redis.call('ZCARD', KEYS[2]), tonumber(ARGV[2]))
local admitted = {}
local expires = now + tonumber(ARGV[4])
if room > 0 then
  admitted = redis.call('ZRANGE', KEYS[1], 0, room - 1)
  if #admitted > 0 then
    redis.call('ZREMRANGEBYRANK', KEYS[1], 0, #admitted - 1)
    for _, u in ipairs(admitted) do
      redis.call('ZADD', KEYS[2], expires, u)
      redis.call('HDEL', KEYS[6], u)
    end
    redis.call('INCRBY', KEYS[4], #admitted)
  end
end
local shift = tonumber(redis.call('GETDEL', KEYS[3]) or '0') + #admitted
local rate, tickAt = unpack(redis.call('HMGET', KEYS[8], 'rate', 'tickAt'))
return {lapsed, admitted, shift, redis.call('ZCARD', KEYS[1]), redis.call('ZCARD', KEYS[2]), redis.call('ZCARD', KEYS[7]), expires, rate, tickAt}
`);

/**
 * The pre-queue opening: `ordered` (the draw) goes to the head of WAITING with scores −n…−1, ahead of every later
 * arrival (whose sequence numbers are positive); anyone who slipped into the pre-queue after the draw was read
 * follows in arrival order. Runs once: the `opened` record makes a second call a no-op.
 * KEYS: prequeue, waiting, opened · ARGV: seed, openedAtMs, ...ordered → placed count, or -1 if already open
 */
export const OPEN_PREQUEUE = new LuaScript(`
if redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local n = #ARGV - 2
for i = 3, #ARGV do
  if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then redis.call('ZADD', KEYS[2], i - 3 - n, ARGV[i]) end
end
local rest = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #rest, 2 do redis.call('ZADD', KEYS[2], rest[i + 1], rest[i]) end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[3], 'seed', ARGV[1], 'openedAt', ARGV[2], 'placed', n + #rest / 2)
return n + #rest / 2
`);

/**
 * Subscribed users at the given position ranges, for the rank-push sweep.
 * KEYS: waiting, conns, pushed · ARGV: from1, to1, from2, to2, … (1-based, inclusive)
 * → flat {userId, position, pushed|false, conns, …}
 */
export const RANK_CANDIDATES = new LuaScript(`
local out = {}
for i = 1, #ARGV, 2 do
  local from = tonumber(ARGV[i])
  local users = redis.call('ZRANGE', KEYS[1], from - 1, tonumber(ARGV[i + 1]) - 1)
  for j, u in ipairs(users) do
    local conns = redis.call('HGET', KEYS[2], u)
    if conns then
      out[#out + 1] = u
      out[#out + 1] = from + j - 1
      out[#out + 1] = redis.call('HGET', KEYS[3], u)
      out[#out + 1] = conns
    end
  end
end
return out
`);

/** KEYS: subs, conns · ARGV: connectionId, userId */
export const SUBSCRIBE = new LuaScript(`
local conn, user = ARGV[1], ARGV[2]
local previous = redis.call('HGET', KEYS[1], conn)
if previous == user then return 0 end
redis.call('HSET', KEYS[1], conn, user)
local list = redis.call('HGET', KEYS[2], user)
redis.call('HSET', KEYS[2], user, list and (list .. ' ' .. conn) or conn)
return 1
`);

/** KEYS: subs, conns, pushed · ARGV: connectionId */
export const UNSUBSCRIBE = new LuaScript(`
local conn = ARGV[1]
local user = redis.call('HGET', KEYS[1], conn)
if not user then return 0 end
redis.call('HDEL', KEYS[1], conn)
local kept = {}
for c in string.gmatch(redis.call('HGET', KEYS[2], user) or '', '%S+') do
  if c ~= conn then kept[#kept + 1] = c end
end
if #kept == 0 then
  redis.call('HDEL', KEYS[2], user)
  redis.call('HDEL', KEYS[3], user)
else
  redis.call('HSET', KEYS[2], user, table.concat(kept, ' '))
end
return 1
`);

/** Renews the lease only for its owner. KEYS: lease · ARGV: owner, ttlMs */
export const LEASE_ACQUIRE = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
return 0
`);

/** Compare-and-delete: a loop never releases a lease another loop took after its own lapsed. KEYS: lease · ARGV: owner */
export const LEASE_RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
