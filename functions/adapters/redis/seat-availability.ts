import type { Redis } from 'ioredis';
import type { AvailabilityStore, PublishedChanges, SeatState } from '#services/ports/seat-availability';
import { LuaScript } from './waiting-room-lua';

/**
 * Availability per show in Redis, every key on the show's slot (`{showId}`):
 * - `doc`     the show-wide bit string (2 bits a seat, see domain/catalog/availability.ts), 15 KB for 60,000 seats;
 * - `ver`     its version; it starts at the epoch ms of a (re)build, so a rebuilt show never repeats an old version;
 * - `seen`    slot → `<reservationId>|<rank>` of the newest change recorded, so late or repeated events never move a
 *             seat backwards (ULIDs of equal length compare as strings in time order);
 * - `holds`   ZSET slot → hold expiry (ms) of HELD seats: a lapsed hold is published as AVAILABLE by whoever looks next;
 * - `pending` slot → code recorded since the last version; `log` the last LOG_KEEP versions with their changes;
 *   `pushed` the newest version handed to the pushers, `sent` the newest whose pushes went out; `due` the open push
 *   interval, `last` when the last one was published; `rebuild` the rebuild lock; `inbox` the changes posted at
 *   commit, ahead of the stream (./seat-change-inbox.ts).
 * A version costs O(changed seats): nothing here ever reads the whole show but a read of the bits themselves.
 */
const LOG_KEEP = 64;
/**
 * A show's intervals follow each other at the interval plus this share of it while changes keep coming: each opens
 * from the last publish rather than from its first change, which arrives a stream read later. The slack lets a
 * paced fan-out (services/live-updates/fan-out-pace.ts) that ran long catch up instead of pacing every later one.
 */
const ANCHOR_SLACK = 0.1;
const TTL_MS = 7 * 24 * 3600_000;
// Longer than a rebuild of the largest show takes (a query of 60,000 seats), so one rebuild runs at a time.
const REBUILD_LOCK_MS = 60_000;

const k = (showId: string, part: string) => `avail:{${showId}}:${part}`;

const LAPSE_AND_COMMIT = `
local function lapse(doc, holds, now, changes)
  local lapsed = redis.call('ZRANGEBYSCORE', holds, '-inf', '(' .. now)
  for _, slot in ipairs(lapsed) do
    local f = '#' .. slot
    if redis.call('BITFIELD', doc, 'GET', 'u2', f)[1] == 1 then
      redis.call('BITFIELD', doc, 'SET', 'u2', f, 0)
      changes[#changes + 1] = slot .. ':0'
    end
  end
  if #lapsed > 0 then redis.call('ZREMRANGEBYSCORE', holds, '-inf', '(' .. now) end
end
local function commit(ver, log, changes, keep)
  if #changes == 0 then return tonumber(redis.call('GET', ver)) end
  local v = redis.call('INCR', ver)
  redis.call('RPUSH', log, v .. '|' .. table.concat(changes, ','))
  redis.call('LTRIM', log, -keep, -1)
  return v
end
local function touch(ttl, ...)
  for _, key in ipairs({...}) do redis.call('PEXPIRE', key, ttl) end
end
`;

const NEWER = `
local function newer(seen, rid, rank)
  if not seen then return true end
  local srid, srank = string.match(seen, '^(.*)|(%d+)$')
  return rid > srid or (rid == srid and rank > tonumber(srank))
end
`;

/**
 * KEYS seen, holds, pending, due, last · ARGV now, intervalMs, claimMs, ttl, then (slot, code, reservationId, rank,
 * holdExpiresAtMs)… → the flush instant when this call opened the interval, else 0
 */
const RECORD = new LuaScript(`${NEWER}
local applied = 0
for i = 5, #ARGV, 5 do
  local slot, code, rid, rank, exp = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3]), tonumber(ARGV[i + 4])
  if newer(redis.call('HGET', KEYS[1], slot), rid, rank) then
    redis.call('HSET', KEYS[1], slot, rid .. '|' .. rank)
    redis.call('HSET', KEYS[3], slot, code)
    if code == '1' and exp > 0 then redis.call('ZADD', KEYS[2], exp, slot) else redis.call('ZREM', KEYS[2], slot) end
    applied = applied + 1
  end
end
for _, key in ipairs({KEYS[1], KEYS[2], KEYS[3]}) do redis.call('PEXPIRE', key, ARGV[4]) end
if applied == 0 then return 0 end
local now, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
local flushAt = now + interval
local last = tonumber(redis.call('GET', KEYS[5]) or '0')
if now < last + interval then flushAt = last + interval + math.floor(interval * ${ANCHOR_SLACK}) end
if redis.call('SET', KEYS[4], flushAt, 'NX', 'PX', ARGV[3]) then return flushAt end
return 0
`);

/** KEYS doc, ver, holds, pending, log, pushed, due, seen, last · ARGV now, keep, ttl → {-1} | {version, unpushed log entries…} */
const PUBLISH = new LuaScript(`${LAPSE_AND_COMMIT}
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
redis.call('DEL', KEYS[7])
redis.call('SET', KEYS[9], ARGV[1], 'PX', ARGV[3])
local changes = {}
local pending = redis.call('HGETALL', KEYS[4])
for i = 1, #pending, 2 do
  local f, code = '#' .. pending[i], tonumber(pending[i + 1])
  if redis.call('BITFIELD', KEYS[1], 'GET', 'u2', f)[1] ~= code then
    redis.call('BITFIELD', KEYS[1], 'SET', 'u2', f, code)
    changes[#changes + 1] = pending[i] .. ':' .. code
  end
end
redis.call('DEL', KEYS[4])
lapse(KEYS[1], KEYS[3], ARGV[1], changes)
local v = commit(KEYS[2], KEYS[5], changes, tonumber(ARGV[2]))
local pushed = tonumber(redis.call('GET', KEYS[6]) or '0')
local out = {v}
if v > pushed then
  for _, e in ipairs(redis.call('LRANGE', KEYS[5], 0, -1)) do
    if tonumber(string.match(e, '^(%d+)|')) > pushed then out[#out + 1] = e end
  end
  redis.call('SET', KEYS[6], v)
end
touch(ARGV[3], KEYS[1], KEYS[2], KEYS[5], KEYS[6], KEYS[8])
return out
`);

/** KEYS doc, ver, holds, log · ARGV now, keep, knownVersion → {-1} | {version} | {version, doc} */
const READ = new LuaScript(`${LAPSE_AND_COMMIT}
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1} end
local changes = {}
lapse(KEYS[1], KEYS[3], ARGV[1], changes)
local v = commit(KEYS[2], KEYS[4], changes, tonumber(ARGV[2]))
if tostring(v) == ARGV[3] then return {v} end
return {v, redis.call('GET', KEYS[1])}
`);

/** KEYS doc, ver, seen, holds, pushed, log, sent · ARGV doc, now, ttl, then (slot, reservationId, rank, holdExpiresAtMs)… */
const REBUILD = new LuaScript(`${NEWER}
local v
if redis.call('EXISTS', KEYS[2]) == 1 then v = redis.call('INCR', KEYS[2]) else v = tonumber(ARGV[2]); redis.call('SET', KEYS[2], v) end
redis.call('SET', KEYS[1], ARGV[1])
for i = 4, #ARGV, 4 do
  local slot, rid, rank, exp = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3])
  local seen = redis.call('HGET', KEYS[3], slot)
  if newer(seen, rid, rank) or seen == rid .. '|' .. rank then
    redis.call('HSET', KEYS[3], slot, rid .. '|' .. rank)
    if exp > 0 then redis.call('ZADD', KEYS[4], exp, slot) else redis.call('ZREM', KEYS[4], slot) end
  end
end
redis.call('SET', KEYS[5], v)
redis.call('SET', KEYS[7], v)
redis.call('DEL', KEYS[6])
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, ARGV[3]) end
return v
`);

/** KEYS sent · ARGV version, ttl: `sent` only grows. */
const MARK_SENT = new LuaScript(`
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 0
`);
const TURN_POLL_MS = 20;

function parseLog(entry: string): PublishedChanges {
  const [version, list] = entry.split('|') as [string, string];
  return {
    version: Number(version),
    changes: list.split(',').map((pair) => {
      const [slot, code] = pair.split(':');
      return { slot: Number(slot), code: Number(code) };
    }),
  };
}

export function redisSeatAvailability(redis: () => Redis): AvailabilityStore {
  return {
    async record(showId, seats, nowMs, intervalMs) {
      if (seats.length === 0) return {};
      const args = seats.flatMap((s) => [s.slot, s.code, s.reservationId, s.rank, s.holdExpiresAtMs]);
      // The claim outlives the interval so a flusher that died leaves the next change to open a new one.
      const keys = ['seen', 'holds', 'pending', 'due', 'last'].map((p) => k(showId, p));
      const flushAt = await RECORD.run<number>(redis(), keys, [nowMs, intervalMs, intervalMs * 5, TTL_MS, ...args]);
      return flushAt > 0 ? { flushAt } : {};
    },

    async publish(showId, nowMs) {
      const keys = ['doc', 'ver', 'holds', 'pending', 'log', 'pushed', 'due', 'seen', 'last'].map((p) => k(showId, p));
      const [version, ...entries] = await PUBLISH.run<[number, ...string[]]>(redis(), keys, [nowMs, LOG_KEEP, TTL_MS]);
      if (version === -1) return 'missing';
      return { version, unpushed: entries.map(parseLog) };
    },

    async read(showId, nowMs, knownVersion) {
      const keys = ['doc', 'ver', 'holds', 'log'].map((p) => k(showId, p));
      const [version, doc] = await READ.runBuffer<[number, Buffer?]>(redis(), keys, [nowMs, LOG_KEEP, knownVersion ?? '']);
      if (version === -1) return 'missing';
      return doc ? { version, doc } : { version };
    },

    async awaitTurn(showId, version, timeoutMs) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        const sent = Number((await redis().get(k(showId, 'sent'))) ?? 0);
        // Nothing sent yet since a (re)build: the first pusher goes; otherwise wait for the version just before.
        if (sent === 0 || sent >= version - 1) return;
        await new Promise((r) => setTimeout(r, TURN_POLL_MS));
      }
    },

    async awaitPushesSent(showId, timeoutMs) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
        const [pushed, sent] = (await redis().mget(k(showId, 'pushed'), k(showId, 'sent'))).map(Number);
        if (!pushed || (sent ?? 0) >= pushed) return;
        await new Promise((r) => setTimeout(r, TURN_POLL_MS));
      }
    },

    async markSent(showId, version) {
      await MARK_SENT.run(redis(), [k(showId, 'sent')], [version, TTL_MS]);
    },

    async claimRebuild(showId) {
      return (await redis().set(k(showId, 'rebuild'), '1', 'PX', REBUILD_LOCK_MS, 'NX')) === 'OK';
    },

    async rebuild(showId, doc, seats: readonly SeatState[], nowMs) {
      const keys = ['doc', 'ver', 'seen', 'holds', 'pushed', 'log', 'sent'].map((p) => k(showId, p));
      // Seats no reservation ever touched need no entry: any change is newer than none.
      const args = seats.filter((s) => s.reservationId !== '').flatMap((s) => [s.slot, s.reservationId, s.rank, s.holdExpiresAtMs]);
      await REBUILD.run(redis(), keys, [doc, nowMs, TTL_MS, ...args]);
      await redis().del(k(showId, 'rebuild'));
    },
  };
}
