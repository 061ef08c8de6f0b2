import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { idempotency } from '#services/idempotency';
import { Reply } from './reply';

/** The idempotency service a route runs under (#composition/idempotency builds the real one). */
export type IdempotentRun = ReturnType<typeof idempotency>;

/**
 * The operation a key is scoped to: the route with its path parameters filled in (`POST /v1/reservations/r1/pay`),
 * so a key never crosses resources; the caller's id in front keeps it from crossing users.
 */
export function operationOf(event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource' | 'path' | 'pathParameters'>): string {
  const params = event.pathParameters ?? {};
  const route = event.resource ? event.resource.replace(/\{(\w+)\+?\}/g, (whole, name: string) => params[name] ?? whole) : event.path;
  return `${event.httpMethod} ${route}`;
}

/**
 * Runs a mutating route under its `Idempotency-Key` (api.md): the same key and body get the first response again,
 * marked `Idempotent-Replayed`; another body is 409 IDEMPOTENCY_CONFLICT.
 */
export async function idempotentReply(
  run: IdempotentRun,
  req: { principal?: { userId: string }; headers: Record<string, string>; body?: unknown; event: APIGatewayProxyEvent },
  execute: () => Promise<Reply>,
): Promise<Reply> {
  const scope = `${req.principal?.userId ?? 'anonymous'}:${operationOf(req.event)}`;
  const result = await run({ scope, key: req.headers['idempotency-key'], body: req.body }, async () => {
    const reply = await execute();
    return { status: reply.status, body: reply.body };
  });
  return new Reply(result.status, result.body, result.replayed ? { 'idempotent-replayed': 'true' } : {});
}
