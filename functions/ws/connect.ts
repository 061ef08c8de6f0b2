import { connectionRegistry } from '#composition/realtime';
import { unauthenticated } from '#domain/errors';
import { wsHandler } from '#platform/ws';

/** `$connect`: the authorizer has vouched for the caller; remember which user this connection belongs to. */
export const handler = wsHandler({}, async ({ connectionId, principal }) => {
  if (!principal) throw unauthenticated();
  await connectionRegistry().register(connectionId, principal.userId);
});
