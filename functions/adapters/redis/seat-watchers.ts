import type { Redis } from 'ioredis';
import { LuaScript } from './waiting-room-lua';
import { CONNECTION_TTL_SECONDS } from '#adapters/realtime/redis-connection-registry';
import type { SeatWatchers, Watcher } from '#services/live-updates/ports';

/**
 * Per show a ZSET of watching connection ids scored by when the watch lapses (the longest a connection can live,
 * renewed by every watch), and per connection the set of shows it watches, so `$disconnect` removes it everywhere.
 * Lapsed entries are dropped whenever the show's watchers are read; a 410 on push drops the connection too.
 */
const TTL_MS = CONNECTION_TTL_SECONDS * 1000;
const watchersKey = (showId: string) => `seatwatch:{${showId}}`;
const showsKey = (connectionId: string) => `seatwatch:conn:${connectionId}`;
const paceKey = (showId: string, version?: number) => `seatwatch:{${showId}}:pace${version === undefined ? '' : `:${version}`}`;
const partsKey = (showId: string, version: number) => `seatwatch:{${showId}}:parts:${version}`;
/** Marks older than this pace nothing (any interval is ≤ 1 s); the keys only have to outlive the next fan-out. */
const PACE_TTL_MS = 60_000;

/**
 * A part's marks join its version's; the part that brings the count of parts left to zero makes them the show's
 * last fan-out. A part delivered again after that (at least once) finds no count and only refreshes the marks.
 */
const PART_DONE = new LuaScript(`
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if redis.call('DECR', KEYS[2]) > 0 then return 0 end
redis.call('DEL', KEYS[2])
redis.call('RENAME', KEYS[1], KEYS[3])
return 1`);

export function redisSeatWatchers(redis: Redis): SeatWatchers {
  return {
    async watch(showId, connectionId, nowMs) {
      await redis.multi().zadd(watchersKey(showId), nowMs + TTL_MS, connectionId).pexpire(watchersKey(showId), TTL_MS).exec();
      await redis.multi().sadd(showsKey(connectionId), showId).pexpire(showsKey(connectionId), TTL_MS).exec();
    },
    async unwatch(showId, connectionId) {
      await redis.zrem(watchersKey(showId), connectionId);
      await redis.srem(showsKey(connectionId), showId);
    },
    async forget(connectionId) {
      const shows = await redis.smembers(showsKey(connectionId));
      await Promise.all(shows.map((showId) => redis.zrem(watchersKey(showId), connectionId)));
      await redis.del(showsKey(connectionId));
    },
    async watchersOf(showId, nowMs) {
      const [, live] = (await redis.multi().zremrangebyscore(watchersKey(showId), '-inf', nowMs).zrangebyscore(watchersKey(showId), `(${nowMs}`, '+inf', 'WITHSCORES').exec()) ?? [];
      if (live?.[0]) throw live[0];
      const flat = (live?.[1] as string[] | undefined) ?? [];
      const watchers: Watcher[] = [];
      for (let i = 0; i < flat.length; i += 2) watchers.push({ connectionId: flat[i] as string, order: Number(flat[i + 1]) });
      return watchers;
    },
    async lastFanOut(showId) {
      const parts = (await redis.hvals(paceKey(showId))).flatMap((marks) => JSON.parse(marks) as Array<[number, number]>);
      return parts.sort((a, b) => a[0] - b[0]);
    },
    async startFanOut(showId, version, parts) {
      await redis.set(partsKey(showId, version), parts, 'PX', PACE_TTL_MS);
    },
    async partDone(showId, version, part, marks) {
      const keys = [paceKey(showId, version), partsKey(showId, version), paceKey(showId)];
      return (await PART_DONE.run<number>(redis, keys, [part, JSON.stringify(marks), PACE_TTL_MS])) === 1;
    },
  };
}
