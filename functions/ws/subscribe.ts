import * as z from 'zod/mini';
import { unauthenticated } from '#domain/errors';
import { wsHandler } from '#platform/ws';
import { queueSubscriptions } from '#composition/queue-subscriptions';

export const concertMessage = z.object({ concertId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** `{"action":"subscribe","concertId"}` — follow the caller's place in the line; the current place is sent at once. */
export const handler = wsHandler({ body: concertMessage }, async ({ connectionId, principal, body }) => {
  if (!principal) throw unauthenticated();
  await queueSubscriptions().subscriptions.subscribe(body.concertId, connectionId, principal.userId);
});
