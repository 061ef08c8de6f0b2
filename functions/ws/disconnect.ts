import { connectionRegistry } from '#adapters/realtime/index';
import { redisSeatWatchers } from '#adapters/redis/seat-watchers';
import { redis } from '#platform/clients';
import { wsHandler } from '#platform/ws';

/** `$disconnect`: forget the connection and its seat watches (best effort in AWS too, hence the TTLs). */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await Promise.all([connectionRegistry().unregister(connectionId), redisSeatWatchers(redis()).forget(connectionId)]);
});
