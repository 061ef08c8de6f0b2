import { realtimePush } from '#composition/realtime-push';
import { systemClock } from '#platform/clock';
import { unknownActionMessage } from '#domain/realtime/messages';
import { wsHandler } from '#platform/ws';

/** `$default`: a message with no known `action` gets an ERROR message rather than silence. */
export const handler = wsHandler({}, async ({ connectionId }) => {
  await realtimePush().send(connectionId, unknownActionMessage(systemClock.now()));
});
