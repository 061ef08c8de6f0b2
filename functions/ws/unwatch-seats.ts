import { wsHandler } from '#platform/ws';
import { liveUpdates } from '#composition/live-updates';
import { showMessage } from './watch-seats';

/** `{"action":"unwatchSeats","showId"}` */
export const handler = wsHandler({ body: showMessage }, async ({ connectionId, body }) => {
  await liveUpdates().seats.unwatch(body.showId, connectionId);
});
