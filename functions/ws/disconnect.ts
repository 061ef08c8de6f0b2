import { connectionRegistry, seatWatchers } from '#composition/realtime';
import { wsHandler } from '#platform/ws';

/** `$disconnect`: forget the connection and its seat watches (best effort in AWS too, hence the TTLs). */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await Promise.all([connectionRegistry().unregister(connectionId), seatWatchers().forget(connectionId)]);
});
