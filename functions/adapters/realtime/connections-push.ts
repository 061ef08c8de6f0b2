import { connections } from '#platform/clients/connections';
import type { RealtimePush } from '#services/ports/realtime';

/** Pushes through API Gateway's @connections API; a 410 means the client is no longer there. */
export const connectionsPush: RealtimePush = {
  send: (connectionId, message) => connections().post(connectionId, JSON.stringify(message)),
};
