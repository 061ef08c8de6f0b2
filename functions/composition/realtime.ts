import { redisConnectionRegistry } from '#adapters/realtime/redis-connection-registry';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients/redis';
import { lazy } from './lazy';

/** Which user each WebSocket connection belongs to, on the shared Redis client ($connect/$disconnect need no push). */
export const connectionRegistry = lazy(() => redisConnectionRegistry(redis()));

/** Which connections watch which shows' seats ($disconnect forgets a connection's watches). */
export const seatWatchers = lazy(() => redisSeatWatchers(redis()));
