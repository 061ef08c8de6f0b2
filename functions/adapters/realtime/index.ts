import { redis } from '#platform/clients';
import type { ConnectionRegistry } from '#services/ports/connection-registry';
import { redisConnectionRegistry } from './redis-connection-registry';

export { connectionsPush } from './connections-push';

/** The connection registry on the shared Redis client (the adapter is stateless; the client is the singleton). */
export const connectionRegistry = (): ConnectionRegistry => redisConnectionRegistry(redis());
