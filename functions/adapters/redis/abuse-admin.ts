import type { Redis } from 'ioredis';
import { BLOCKS_KEY, LIMITS_KEY, blockField, challengeKey, unpaidHoldsKey } from '#domain/abuse/rules';
import { ROUTE_GROUPS, type GroupLimits, type RouteGroup } from '#domain/abuse/config';
import type { AbuseBlock, AbuseStateStore } from '#services/abuse/ports';
import { abuseKey } from './abuse-keys';

/** The state the abuse checks read and ADMIN or the request outcomes change: blocks, limits, challenges, unpaid holds. */
export function redisAbuseState(redis: () => Redis): AbuseStateStore {
  return {
    async block(concertId, block) {
      await redis().hset(abuseKey(concertId, BLOCKS_KEY), blockField(block), JSON.stringify(block));
    },
    async unblock(concertId, target) {
      return (await redis().hdel(abuseKey(concertId, BLOCKS_KEY), blockField(target))) > 0;
    },
    async blocks(concertId) {
      const all = await redis().hvals(abuseKey(concertId, BLOCKS_KEY));
      return all.map((json) => JSON.parse(json) as AbuseBlock).sort((a, b) => b.at.localeCompare(a.at));
    },
    async limits(concertId) {
      const fields = await redis().hgetall(abuseKey(concertId, LIMITS_KEY));
      const out: Partial<Record<RouteGroup, GroupLimits>> = {};
      for (const [field, value] of Object.entries(fields)) {
        const [group, who] = field.split('.') as [RouteGroup, 'user' | 'address'];
        const [limit, periodMs] = value.split(':').map(Number) as [number, number];
        if (ROUTE_GROUPS.includes(group)) out[group] = { ...out[group], [who]: { limit, periodSeconds: periodMs / 1000 } };
      }
      return out;
    },
    async setLimits(concertId, limits) {
      const key = abuseKey(concertId, LIMITS_KEY);
      const fields = Object.entries(limits).flatMap(([group, l]) =>
        (['user', 'address'] as const).flatMap((who) => (l?.[who] ? [`${group}.${who}`, `${l[who].limit}:${l[who].periodSeconds * 1000}`] : [])),
      );
      const tx = redis().multi().del(key);
      if (fields.length) tx.hset(key, ...fields);
      await tx.exec();
    },
    async issueChallenge(concertId, c) {
      await redis()
        .multi()
        .hset(abuseKey(concertId, challengeKey(c.challengeId)), 'salt', c.salt, 'difficulty', String(c.difficulty), 'userId', c.userId)
        .pexpireat(abuseKey(concertId, challengeKey(c.challengeId)), c.expiresAtMs)
        .exec();
    },
    async holdStarted(concertId, userId, reservationId, expiresAtMs) {
      const key = abuseKey(concertId, unpaidHoldsKey(userId));
      // NX then GT: the key lives as long as its latest hold (GT alone never sets a TTL on a key without one).
      await redis().multi().zadd(key, expiresAtMs, reservationId).pexpireat(key, expiresAtMs, 'NX').pexpireat(key, expiresAtMs, 'GT').exec();
    },
    async holdEnded(concertId, userId, reservationId) {
      await redis().zrem(abuseKey(concertId, unpaidHoldsKey(userId)), reservationId);
    },
  };
}
