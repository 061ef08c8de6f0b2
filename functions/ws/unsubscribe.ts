import { wsHandler } from '#platform/ws';
import { waitingRoom } from '#composition/waiting-room';
import { concertMessage } from './subscribe';

/** `{"action":"unsubscribe","concertId"}` */
export const handler = wsHandler({ body: concertMessage }, async ({ connectionId, body }) => {
  await waitingRoom().subscriptions.unsubscribe(body.concertId, connectionId);
});
