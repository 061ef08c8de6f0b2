import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { output } from 'zod/v4/core';
import type { Principal } from '#domain/identity';
import { config } from './config';
import { withInvocationDeadline } from './deadlines';
import { cors, parseOrigins } from './middleware/cors';
import { errorMapping } from './middleware/error-mapping';
import { httpRequest, type Auth, type HttpEvent, type Schema } from './middleware/http-request';
import { idempotentReply, type IdempotentRun } from './middleware/idempotency';
import { invocationLogging } from './middleware/invocation-logging';
import { Reply, toResponse } from './middleware/reply';

/**
 * `httpHandler(spec, fn)` is how every REST route is written: the body of `fn` is business logic only. What the
 * spec declares is middleware composed here once (./middleware): the Lambda context in the logs and the
 * invocation's metrics flushed, CORS from the stage's origins, error → status mapping, the caller's identity and
 * role, header/body/query/path validation, then — around the handler — the route's guard and its idempotency.
 */
export type { Auth, Schema } from './middleware/http-request';
export { MAX_BODY_BYTES } from './middleware/http-request';
export { Reply } from './middleware/reply';
export type { IdempotentRun } from './middleware/idempotency';

type Out<S> = S extends Schema ? output<S> : undefined;

export interface HttpRequest<A extends Auth, B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: A extends 'public' ? Principal | undefined : Principal;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  requestId: string;
  /** The raw body text, for signature checks and idempotency fingerprints. */
  rawBody: string;
  event: APIGatewayProxyEvent;
}

export interface HttpSpec<A extends Auth, B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /** Checked against the lower-cased request headers; a failure is a 400 naming the header. */
  headers?: Schema;
  /**
   * The route honours `Idempotency-Key` through this service, scoped to the caller and the route with its path
   * parameters filled in (./middleware/idempotency).
   */
  idempotent?: () => IdempotentRun;
  /**
   * Runs around the idempotent execution, e.g. the abuse rules: they must see every body sent under a key,
   * including the one the idempotency layer then refuses.
   */
  guard?: (req: HttpRequest<A, Out<B>, Out<Q>, Out<P>>, next: () => Promise<Reply>) => Promise<Reply>;
}

export const created = (body: unknown, headers?: Record<string, string>) => new Reply(201, body, headers);
export const accepted = (body: unknown) => new Reply(202, body);
export const noContent = () => new Reply(204);

const corsOrigins = () => parseOrigins(config('CORS_ORIGINS').CORS_ORIGINS);

export function httpHandler<
  A extends Auth,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: HttpSpec<A, B, Q, P>, fn: (req: HttpRequest<A, Out<B>, Out<Q>, Out<P>>) => Promise<unknown>) {
  type Req = HttpRequest<A, Out<B>, Out<Q>, Out<P>>;
  const run = async (req: Req): Promise<Reply> => {
    const result = await fn(req);
    return result instanceof Reply ? result : new Reply(200, result);
  };
  const idempotent = spec.idempotent;
  const execute = idempotent ? (req: Req) => idempotentReply(idempotent(), req, () => run(req)) : run;
  const guard = spec.guard;
  const guarded = guard ? (req: Req) => guard(req, () => execute(req)) : execute;

  // Order matters: `after`/`onError` run in reverse, so errors are mapped first, then logged and flushed, then CORS.
  const chain = middy<HttpEvent, APIGatewayProxyResult, Error, Context>()
    .use(cors(corsOrigins()))
    .use(invocationLogging<HttpEvent, APIGatewayProxyResult>())
    .use(errorMapping())
    .use(httpRequest(spec))
    .handler(async (event) => {
      const req = event.parsed as Req;
      return toResponse(await guarded(req), req.requestId);
    });
  const handler = (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> =>
    withInvocationDeadline('request', context, () => chain(event, context));
  // The spec rides along so the OpenAPI generator documents exactly the schemas that validate requests.
  return Object.assign(handler, { spec });
}
