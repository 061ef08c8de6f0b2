import { waitingRoom } from '#services/waiting-room/compose';
import { concertMessageHandler } from './queue-message';

/** `{"action":"unsubscribe","concertId"}` */
export const handler = concertMessageHandler(({ concertId, connectionId }) => waitingRoom().subscriptions.unsubscribe(concertId, connectionId));
