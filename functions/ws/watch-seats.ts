import * as z from 'zod/mini';
import { unauthenticated } from '#domain/errors';
import { wsHandler } from '#platform/ws';
import { liveUpdates } from '#composition/live-updates';

export const showMessage = z.object({ showId: z.string().check(z.minLength(1), z.maxLength(64)) });

/** `{"action":"watchSeats","showId"}` — receive `SEATS` pushes for the show's seat map. */
export const handler = wsHandler({ body: showMessage }, async ({ connectionId, principal, body }) => {
  if (!principal) throw unauthenticated();
  await liveUpdates().seats.watch(body.showId, connectionId);
});
