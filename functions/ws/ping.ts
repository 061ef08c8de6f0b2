import { realtimePush } from '#composition/realtime-push';
import { systemClock } from '#platform/clock';
import { pongMessage } from '#domain/realtime/messages';
import { wsHandler } from '#platform/ws';

/** `{"action":"ping"}` → `{"type":"PONG","ts"}`, pushed through @connections exactly as every other push. */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await realtimePush().send(connectionId, pongMessage(systemClock.now()));
});
