import { connectionRegistry } from '#composition/realtime';
import { wsHandler } from '#platform/ws';

/** `$disconnect`: forget the connection (best effort in AWS too, hence the registry's TTL). */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await connectionRegistry().unregister(connectionId);
});
