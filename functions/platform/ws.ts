import middy from '@middy/core';
import type { APIGatewayProxyResult, APIGatewayProxyWebsocketEventV2, Context } from 'aws-lambda';
import { safeParse, type output } from 'zod/v4/core';
import type { Principal } from '#domain/identity';
import { DomainError, isRefusal, statusOf } from './errors';
import { principalFrom, type Schema } from './middleware/http-request';
import { withInvocationDeadline } from './deadlines';
import { asClientError } from './dependency-errors';
import { logger } from './logger';
import { count } from './metrics';
import { invocationLogging } from './middleware/invocation-logging';

/**
 * `wsHandler(spec, fn)` is how every WebSocket route is written, like `httpHandler` for REST: `fn` gets the
 * connection id, the caller (from the `$connect` authorizer context API Gateway repeats on every event) and the
 * parsed message. The returned status matters only on `$connect`, where anything but 2xx refuses the connection.
 */

export interface WsRequest<B> {
  connectionId: string;
  routeKey: string;
  principal: Principal | undefined;
  body: B;
  requestId: string;
}

export interface WsSpec<B extends Schema | undefined> {
  body?: B;
}

type WsEvent = APIGatewayProxyWebsocketEventV2 & { requestContext: { authorizer?: Record<string, unknown> } };

export function wsHandler<B extends Schema | undefined = undefined>(
  spec: WsSpec<B>,
  fn: (req: WsRequest<B extends Schema ? output<B> : undefined>) => Promise<void>,
) {
  const chain = middy<WsEvent, APIGatewayProxyResult, Error, Context>()
    .use(invocationLogging<WsEvent, APIGatewayProxyResult>())
    .handler((event) => respond(event));
  return (event: WsEvent, context: Context) => withInvocationDeadline('request', context, () => chain(event, context));
  async function respond(event: WsEvent): Promise<APIGatewayProxyResult> {
    const { connectionId, routeKey, requestId } = event.requestContext;
    const principal = principalFrom(event as never);
    logger.appendKeys({ requestId, connectionId, userId: principal?.userId });
    try {
      let body: unknown;
      if (spec.body) {
        const parsed = safeParse(spec.body, parseJson(event.body));
        if (!parsed.success) return { statusCode: 400, body: 'Invalid message' };
        body = parsed.data;
      }
      await fn({ connectionId, routeKey, principal, body: body as never, requestId });
      return { statusCode: 200, body: '' };
    } catch (thrown) {
      const error = asClientError(thrown);
      if (isRefusal(error)) return { statusCode: statusOf(error.code), body: error.code };
      if (error instanceof DomainError) {
        if (error.code === 'DEPENDENCY_UNAVAILABLE') count('DependencyUnavailable');
        logger.warn('websocket handler failed', { code: error.code, error: thrown as Error, routeKey });
        return { statusCode: statusOf(error.code), body: error.code };
      }
      logger.error('websocket handler failed', { error: thrown as Error, routeKey });
      return { statusCode: 500, body: 'Internal server error' };
    }
  }
}

function parseJson(text: string | undefined): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
