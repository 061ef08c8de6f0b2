import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '#domain/identity';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Invokes a REST handler with the event API Gateway would send, the authorizer context included. */
export async function invoke(
  handler: unknown,
  req: { body?: unknown; rawBody?: string; headers?: Record<string, string>; principal?: Principal; pathParameters?: Record<string, string>; query?: Record<string, string> },
): Promise<{ status: number; body: Record<string, unknown>; headers: Record<string, unknown> }> {
  const event = {
    body: req.rawBody ?? (req.body === undefined ? null : JSON.stringify(req.body)),
    isBase64Encoded: false,
    headers: req.headers ?? {},
    pathParameters: req.pathParameters ?? null,
    queryStringParameters: req.query ?? null,
    requestContext: { requestId: `req-${Math.random().toString(36).slice(2)}`, authorizer: req.principal ? { ...req.principal, principalId: req.principal.userId } : null },
  } as unknown as APIGatewayProxyEvent;
  const res = await (handler as Handler)(event, {} as Context);
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : {}, headers: res.headers ?? {} };
}

export const user = (userId: string, tier: Principal['tier'] = 'BASIC', role: Principal['role'] = 'USER'): Principal => ({ userId, role, tier, jti: `jti-${userId}`, tokenExpiresAt: 0 });
