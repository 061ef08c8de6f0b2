import { z } from 'zod';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '#platform/logger';

/**
 * WebSocket route handlers for the waiting room: API Gateway passes the identity the authorizer set at `$connect`
 * on every message (`requestContext.authorizer`), and the route's JSON body.
 */
export interface WsMessageEvent {
  body?: string | null;
  requestContext: { connectionId?: string; authorizer?: Record<string, unknown> | null };
}

const concertMessage = z.object({ concertId: z.string().min(1).max(64) });

const reply = (statusCode: number, body?: unknown): APIGatewayProxyResult => ({
  statusCode,
  body: body === undefined ? '' : JSON.stringify(body),
});

export function concertMessageHandler(fn: (m: { concertId: string; connectionId: string; userId: string }) => Promise<void>) {
  return async (event: WsMessageEvent): Promise<APIGatewayProxyResult> => {
    const connectionId = event.requestContext.connectionId;
    const userId = event.requestContext.authorizer?.userId;
    if (!connectionId || typeof userId !== 'string') return reply(401, { error: { code: 'UNAUTHENTICATED', message: 'Not connected as a user' } });
    let body: unknown;
    try {
      body = JSON.parse(event.body ?? '');
    } catch {
      return reply(400, { error: { code: 'VALIDATION_FAILED', message: 'Message is not valid JSON' } });
    }
    const parsed = concertMessage.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ in: 'body', path: i.path.join('.'), message: i.message }));
      return reply(400, { error: { code: 'VALIDATION_FAILED', message: 'Invalid message', details: { issues } } });
    }
    try {
      await fn({ concertId: parsed.data.concertId, connectionId, userId });
      return reply(200);
    } catch (error) {
      logger.error('websocket message failed', { connectionId, error: error as Error });
      return reply(500, { error: { code: 'INTERNAL', message: 'Internal server error' } });
    }
  };
}
