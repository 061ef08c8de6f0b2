import { realtimePush } from '#composition/realtime-push';
import { systemClock, toIso } from '#platform/clock';
import { wsHandler } from '#platform/ws';

/** `{"action":"ping"}` → `{"type":"PONG","ts"}`, pushed through @connections exactly as every other push. */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await realtimePush().send(connectionId, { type: 'PONG', ts: toIso(systemClock.now()) });
});
