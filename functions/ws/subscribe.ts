import { waitingRoom } from '#services/waiting-room/compose';
import { concertMessageHandler } from './queue-message';

/** `{"action":"subscribe","concertId"}` — follow the caller's place in the line; the current place is sent at once. */
export const handler = concertMessageHandler(({ concertId, connectionId, userId }) =>
  waitingRoom().subscriptions.subscribe(concertId, connectionId, userId),
);
