import { connectionsPush } from '#adapters/realtime/connections-push';
import { redisConnectionRegistry } from '#adapters/realtime/redis-connection-registry';
import { redis } from '#platform/clients/redis';
import { lazy } from './lazy';

/** Which user each WebSocket connection belongs to, on the shared Redis client. */
export const connectionRegistry = lazy(() => redisConnectionRegistry(redis()));

/** Pushes through API Gateway's @connections API. */
export const realtimePush = () => connectionsPush;
