import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import type { APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { HandlerRef, WsRoute } from '../../lib/capabilities/types';
import { invoke } from '../invoke';
import { localLog } from '../log';
import { API_ID, STAGE, authorize, methodArn, type AuthorizerContext } from './authorizer';
import type { ConnectionHub, LiveConnection } from './connection-hub';
import { queryParameters, requestHeaders, requestTime, sourceIp } from './http-io';

export interface WebSocketGatewayOptions {
  routes: WsRoute[];
  authorizer: HandlerRef;
  hub: ConnectionHub;
}

/** API Gateway's WebSocket limits: 128 KB a message. */
const MAX_MESSAGE_BYTES = 128 * 1024;

type EventType = 'CONNECT' | 'MESSAGE' | 'DISCONNECT';

/**
 * API Gateway WebSocket in front of in-process handlers: the authorizer and `$connect` decide whether the upgrade
 * succeeds, messages are routed on `$request.body.action` (falling back to `$default`), and `$disconnect` runs when
 * either side closes. Every event carries the authorizer context, as in AWS.
 */
export function webSocketGateway(options: WebSocketGatewayOptions) {
  const routes = new Map(options.routes.map((r) => [r.routeKey, r]));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const { hub } = options;
  const disconnecting = new Set<Promise<void>>();

  function context(c: Pick<LiveConnection, 'id' | 'connectedAt' | 'sourceIp' | 'userAgent'>, routeKey: string, eventType: EventType, domainName: string, authorizer?: AuthorizerContext) {
    const now = new Date();
    const requestId = randomUUID();
    return {
      routeKey,
      eventType,
      messageDirection: 'IN',
      ...(eventType === 'MESSAGE' ? { messageId: randomUUID() } : {}),
      extendedRequestId: requestId,
      requestId,
      requestTime: requestTime(now),
      requestTimeEpoch: now.getTime(),
      connectedAt: c.connectedAt.getTime(),
      connectionId: c.id,
      stage: STAGE,
      apiId: API_ID,
      domainName,
      identity: { sourceIp: c.sourceIp, userAgent: c.userAgent },
      ...(authorizer ? { authorizer } : {}),
    };
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const { headers, multiValueHeaders } = requestHeaders(req);
    const query = queryParameters(url.searchParams);
    const domainName = req.headers.host ?? '127.0.0.1';
    const pending = { id: hub.newId(), connectedAt: new Date(), sourceIp: sourceIp(req), userAgent: req.headers['user-agent'] ?? '' };

    const authEvent = {
      type: 'REQUEST',
      methodArn: methodArn('$connect'),
      headers,
      multiValueHeaders,
      ...query,
      stageVariables: {},
      requestContext: context(pending, '$connect', 'CONNECT', domainName),
    } as unknown as APIGatewayRequestAuthorizerEvent;
    const decision = await authorize(options.authorizer, authEvent);
    if (decision.kind !== 'allow') return refuse(socket, decision.kind === 'unauthorized' ? 401 : decision.kind === 'forbidden' ? 403 : decision.kind === 'failed' ? 503 : 500);
    const authorizer = decision.context;

    const connect = routes.get('$connect');
    if (connect) {
      const event = { headers, multiValueHeaders, ...query, isBase64Encoded: false, requestContext: context(pending, '$connect', 'CONNECT', domainName, authorizer) };
      const status = await invokeForStatus(connect.handler, event);
      if (status < 200 || status > 299) return refuse(socket, status);
    }

    wss.handleUpgrade(req, socket, head, (ws) => {
      const connection: LiveConnection = { ...pending, socket: ws, lastActiveAt: new Date(), authorizer };
      hub.add(connection);
      ws.on('message', (data, isBinary) => void onMessage(connection, data, isBinary, domainName));
      ws.on('error', (e) => localLog.error('websocket error', e, { connectionId: connection.id }));
      const disconnected = new Promise<void>((resolve) =>
        ws.on('close', (code, reason) => void onClose(connection, code, reason.toString(), headers, multiValueHeaders, domainName).finally(resolve)),
      );
      disconnecting.add(disconnected);
      void disconnected.then(() => disconnecting.delete(disconnected));
    });
  }

  async function onMessage(connection: LiveConnection, data: RawData, isBinary: boolean, domainName: string): Promise<void> {
    connection.lastActiveAt = new Date();
    const body = Buffer.isBuffer(data) ? data.toString(isBinary ? 'base64' : 'utf8') : Buffer.concat(data as Buffer[]).toString('utf8');
    const route = routes.get(actionOf(body)) ?? routes.get('$default');
    const requestContext = context(connection, route?.routeKey ?? '$default', 'MESSAGE', domainName, connection.authorizer);
    const reply = (message: string) => connection.socket.send(JSON.stringify({ message, connectionId: connection.id, requestId: requestContext.requestId }));
    if (!route) return reply('Forbidden');
    try {
      await invoke(route.handler, { requestContext, body, isBase64Encoded: isBinary });
    } catch (e) {
      localLog.error('websocket handler threw', e, { handler: route.handler, connectionId: connection.id });
      reply('Internal server error');
    }
  }

  async function onClose(connection: LiveConnection, code: number, reason: string, headers: Record<string, string>, multiValueHeaders: Record<string, string[]>, domainName: string): Promise<void> {
    hub.remove(connection.id);
    const route = routes.get('$disconnect');
    if (!route) return;
    const requestContext = { ...context(connection, '$disconnect', 'DISCONNECT', domainName, connection.authorizer), disconnectStatusCode: code, disconnectReason: reason };
    try {
      await invoke(route.handler, { headers, multiValueHeaders, requestContext, isBase64Encoded: false });
    } catch (e) {
      localLog.error('$disconnect handler threw', e, { handler: route.handler, connectionId: connection.id });
    }
  }

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
      upgrade(req, socket, head, url).catch((e) => {
        localLog.error('websocket upgrade failed', e);
        refuse(socket, 500);
      });
    },
    /** Drops every connection and waits until their `$disconnect` handlers have run. */
    async close(): Promise<void> {
      for (const c of hub.all()) c.socket.terminate();
      await Promise.all([...disconnecting]);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** `$request.body.action` of a JSON message, or '' when the body is not JSON or has no string action. */
function actionOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const action = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).action : undefined;
    return typeof action === 'string' && !action.startsWith('$') ? action : '';
  } catch {
    return '';
  }
}

async function invokeForStatus(handler: HandlerRef, event: unknown): Promise<number> {
  try {
    const result = await invoke<APIGatewayProxyResult | undefined>(handler, event);
    return typeof result?.statusCode === 'number' ? result.statusCode : 200;
  } catch (e) {
    localLog.error('$connect handler threw', e, { handler });
    return 500;
  }
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
