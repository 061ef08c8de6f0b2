import * as z from 'zod';
import { unauthenticated } from '#platform/errors';
import { wsHandler } from '#platform/ws';
import { waitingRoom } from '#composition/waiting-room';

export const concertMessage = z.object({ concertId: z.string().min(1).max(64) });

/** `{"action":"subscribe","concertId"}` — follow the caller's place in the line; the current place is sent at once. */
export const handler = wsHandler({ body: concertMessage }, async ({ connectionId, principal, body }) => {
  if (!principal) throw unauthenticated();
  await waitingRoom().subscriptions.subscribe(body.concertId, connectionId, principal.userId);
});
