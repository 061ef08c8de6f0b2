import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionHub } from './connection-hub';
import { BodyTooLarge, readBody, sendJson } from './http-io';

/** API Gateway's limit on one WebSocket message. */
const MAX_MESSAGE_BYTES = 128 * 1024;

/**
 * The `@connections` management API (`POST/GET/DELETE /{stage}/@connections/{id}`) that
 * `ApiGatewayManagementApiClient` calls. An unknown id answers 410 with `x-amzn-errortype: GoneException`, which
 * is how the SDK knows to raise GoneException.
 */
export function connectionsApi(hub: ConnectionHub) {
  return async function handle(req: IncomingMessage, res: ServerResponse, connectionId: string): Promise<void> {
    const connection = hub.get(connectionId);
    if (!connection || connection.socket.readyState !== connection.socket.OPEN) {
      req.resume();
      return sendJson(res, 410, { message: 'Gone' }, { 'x-amzn-errortype': 'GoneException' });
    }
    switch (req.method) {
      case 'POST': {
        let data: Buffer;
        try {
          data = await readBody(req, MAX_MESSAGE_BYTES);
        } catch (e) {
          if (e instanceof BodyTooLarge) return sendJson(res, 413, { message: 'Message too long' }, { 'x-amzn-errortype': 'PayloadTooLargeException' });
          throw e;
        }
        connection.socket.send(data, { binary: false });
        hub.countDelivered();
        res.writeHead(200).end();
        return;
      }
      case 'GET':
        // The service's wire names are camelCase; the SDK maps them to ConnectedAt, Identity, …
        return sendJson(res, 200, {
          connectedAt: connection.connectedAt.toISOString(),
          lastActiveAt: connection.lastActiveAt.toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
        });
      case 'DELETE':
        connection.socket.close(1000, 'Closed by the server');
        res.writeHead(204).end();
        return;
      default:
        return sendJson(res, 405, { message: 'Method not allowed' });
    }
  };
}
