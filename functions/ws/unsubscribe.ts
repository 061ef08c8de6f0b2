import { wsHandler } from '#platform/ws';
import { queueSubscriptions } from '#composition/queue-subscriptions';
import { concertMessage } from './subscribe';

/** `{"action":"unsubscribe","concertId"}` */
export const handler = wsHandler({ body: concertMessage }, async ({ connectionId, body }) => {
  await queueSubscriptions().subscriptions.unsubscribe(body.concertId, connectionId);
});
