import { realtimePush } from '#composition/realtime-push';
import { systemClock, toIso } from '#platform/clock';
import { wsHandler } from '#platform/ws';

/** `$default`: a message with no known `action` gets an ERROR message rather than silence. */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await realtimePush().send(connectionId, {
    type: 'ERROR',
    code: 'UNKNOWN_ACTION',
    message: 'Send {"action": "subscribe" | "unsubscribe" | "watchSeats" | "unwatchSeats" | "ping", ...}',
    ts: toIso(systemClock.now()),
  });
});
