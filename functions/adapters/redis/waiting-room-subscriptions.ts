import type { Redis } from 'ioredis';
import type { RankCandidate, Subscriptions } from '#services/waiting-room/ports';
import { waitingRoomKeys } from './waiting-room-keys';
import { RANK_CANDIDATES, SUBSCRIBE, UNSUBSCRIBE } from './waiting-room-scripts';

const split = (list: string | null | undefined): string[] => (list ? list.split(' ') : []);

/** Which WebSocket connections follow which user's place in a concert's line. */
export function redisSubscriptions(redis: Redis): Subscriptions {
  return {
    async subscribe(concertId, connectionId, userId) {
      const k = waitingRoomKeys(concertId);
      await SUBSCRIBE.run(redis, [k.subs, k.conns], [connectionId, userId]);
    },

    async unsubscribe(concertId, connectionId) {
      const k = waitingRoomKeys(concertId);
      await UNSUBSCRIBE.run(redis, [k.subs, k.conns, k.pushed], [connectionId]);
    },

    async connectionsOf(concertId, userId) {
      return split(await redis.hget(waitingRoomKeys(concertId).conns, userId));
    },

    async connectionsOfMany(concertId, userIds) {
      if (userIds.length === 0) return new Map();
      const lists = await redis.hmget(waitingRoomKeys(concertId).conns, ...userIds);
      return new Map(userIds.map((u, i) => [u, split(lists[i])] as const).filter(([, c]) => c.length > 0));
    },

    async rankCandidates(concertId, ranges) {
      if (ranges.length === 0) return [];
      const k = waitingRoomKeys(concertId);
      const flat = await RANK_CANDIDATES.run<Array<string | number | null>>(redis, [k.waiting, k.conns, k.pushed], ranges.flat());
      const out: RankCandidate[] = [];
      for (let i = 0; i < flat.length; i += 4) {
        const pushed = flat[i + 2];
        out.push({
          userId: String(flat[i]),
          position: Number(flat[i + 1]),
          pushedPosition: pushed === null || pushed === undefined ? undefined : Number(pushed),
          connectionIds: split(String(flat[i + 3])),
        });
      }
      return out;
    },

    async markPushed(concertId, positions) {
      if (positions.length === 0) return;
      await redis.hset(waitingRoomKeys(concertId).pushed, Object.fromEntries(positions.map(([u, p]) => [u, String(p)])));
    },
  };
}
