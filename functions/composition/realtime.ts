import { redisConnectionRegistry } from '#adapters/realtime/redis-connection-registry';
import { redis } from '#platform/clients/redis';
import { lazy } from './lazy';

/** Which user each WebSocket connection belongs to, on the shared Redis client ($connect/$disconnect need no push). */
export const connectionRegistry = lazy(() => redisConnectionRegistry(redis()));
