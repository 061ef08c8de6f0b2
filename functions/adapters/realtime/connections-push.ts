import type { ServerMessage } from '#domain/realtime/messages';
import { connections } from '#platform/clients/connections';
import type { RealtimePush } from '#services/ports/realtime';

/** A fan-out hands the same message object to every connection: it is serialised once. */
const serialised = new WeakMap<ServerMessage, string>();
function bodyOf(message: ServerMessage): string {
  let body = serialised.get(message);
  if (body === undefined) serialised.set(message, (body = JSON.stringify(message)));
  return body;
}

/** Pushes through API Gateway's @connections API; a 410 means the client is no longer there. */
export const connectionsPush: RealtimePush = {
  send: (connectionId, message) => connections().post(connectionId, bodyOf(message)),
};
