import { execReplies } from './pipeline-results';
import type { Redis } from 'ioredis';
import { redis as platformRedis } from '#platform/clients/redis';
import { ulids } from '#platform/ids';
import type { PopularityCounters } from '#services/catalog/ports';
import type { PopularitySink } from '#services/ports/popularity';

/**
 * Popularity counters behind `sort=-popularity`: one sorted set, member = concertId, score = joins + held seats.
 * The admission tick records the users it admits, the holds path the seats of a hold (`redisPopularitySink`, as the
 * PopularitySink port). Paging needs a stable order, so searches read a snapshot (a copy of the set) that the
 * cursor names; a new snapshot is taken at most every SNAPSHOT_REFRESH_SECONDS and lives SNAPSHOT_TTL_SECONDS.
 */
const LIVE = 'catalog:popularity';
const CURRENT = 'catalog:popularity:snapshot:current';
const snapshotKey = (id: string) => `catalog:popularity:snapshot:${id}`;
const SNAPSHOT_REFRESH_SECONDS = 10;
const SNAPSHOT_TTL_SECONDS = 15 * 60;

/** The PopularitySink the waiting room and the holds path record into. */
export function redisPopularitySink(redis: () => Redis): PopularitySink {
  return {
    async record(concertId, delta) {
      await redis().zincrby(LIVE, delta, concertId);
    },
  };
}

/** Over the platform's Redis client: for the seed and tests, which record without a composition root. */
export const recordPopularity = (concertId: string, delta: number): Promise<void> => redisPopularitySink(platformRedis).record(concertId, delta);

function toScores(flat: string[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i += 2) scores.set(flat[i] as string, Number(flat[i + 1]));
  return scores;
}

export function redisPopularityCounters(redis: () => Redis): PopularityCounters {
  async function snapshot(id?: string): Promise<{ id: string; scores: Map<string, number> } | undefined> {
    if (id) {
      const [exists, flat] = await execReplies<[number, string[]]>(redis().multi().exists(snapshotKey(id)).zrange(snapshotKey(id), '0', '-1', 'WITHSCORES'));
      return exists ? { id, scores: toScores(flat) } : undefined;
    }
    const current = await redis().get(CURRENT);
    if (current) {
      const pinned = await snapshot(current);
      if (pinned) return pinned;
    }
    const fresh = ulids.next();
    // A sentinel member keeps the copy existing even while no concert has been bumped yet.
    await redis()
      .multi()
      .zunionstore(snapshotKey(fresh), 1, LIVE)
      .zadd(snapshotKey(fresh), 0, '')
      .expire(snapshotKey(fresh), SNAPSHOT_TTL_SECONDS)
      .set(CURRENT, fresh, 'EX', SNAPSHOT_REFRESH_SECONDS)
      .exec();
    return snapshot(fresh);
  }

  return {
    async forget(concertId) {
      await redis().zrem(LIVE, concertId);
    },

    async scores(concertIds) {
      if (concertIds.length === 0) return new Map();
      const values = await redis().zmscore(LIVE, ...concertIds);
      return new Map(concertIds.map((id, i) => [id, Number(values[i] ?? 0)]));
    },

    snapshot,
  };
}
