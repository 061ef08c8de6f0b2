import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import './zod-locale';
import { ROLES, TIERS, type Principal, type Role, type Tier } from '#domain/identity';
import { DomainError, PUBLIC_5XX_MESSAGES, forbidden, statusOf, unauthenticated, validationFailed, type ValidationIssue } from './errors';
import { withInvocationDeadline } from './deadlines';
import { asClientError } from './dependency-errors';
import { logger } from './logger';

/**
 * `httpHandler(spec, fn)` is how every REST route is written: the body of `fn` is business logic only.
 * Parsing, the 64 KiB body limit, schema validation, the caller's identity, error → status mapping, CORS and the
 * request id are middleware composed here once.
 */
export type Auth = 'public' | 'user' | 'admin';
/** Any zod schema, classic or mini: handlers on hot paths use `zod/mini` to keep bundles small. */
export type Schema = $ZodType;
type Out<S> = S extends Schema ? output<S> : undefined;

export interface HttpSpec<A extends Auth, B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
}

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

/** A response with a status other than 200, or with headers. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const created = (body: unknown, headers?: Record<string, string>) => new Reply(201, body, headers);
export const accepted = (body: unknown) => new Reply(202, body);
export const noContent = () => new Reply(204);

export const MAX_BODY_BYTES = 64 * 1024;

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
  'cache-control': 'no-store',
};

export function httpHandler<
  A extends Auth,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(
  spec: HttpSpec<A, B, Q, P>,
  fn: (req: HttpRequest<A, Out<B>, Out<Q>, Out<P>>) => Promise<unknown>,
) {
  const handler = middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>().handler((event, context) =>
    withInvocationDeadline('request', context, () => respond(event, context)),
  );
  async function respond(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
    const requestId = event.requestContext?.requestId ?? context?.awsRequestId ?? 'local';
    try {
      const headers = lowerCaseHeaders(event.headers);
      const rawBody = decodeBody(event);
      const principal = principalFrom(event);
      logger.appendKeys({ requestId, userId: principal?.userId });
      authorize(spec.auth, principal);
      const issues: ValidationIssue[] = [];
      const body = spec.body ? parse(spec.body, rawBody ? parseJson(rawBody) : undefined, 'body', issues) : undefined;
      const query = spec.query ? parse(spec.query, event.queryStringParameters ?? {}, 'query', issues) : undefined;
      const params = spec.params ? parse(spec.params, event.pathParameters ?? {}, 'path', issues) : undefined;
      if (issues.length) throw validationFailed(issues);
      const result = await fn({ body, query, params, principal, headers, requestId, rawBody, event } as HttpRequest<A, Out<B>, Out<Q>, Out<P>>);
      return toResponse(result instanceof Reply ? result : new Reply(200, result), requestId);
    } catch (error) {
      return errorResponse(error, requestId);
    } finally {
      logger.resetKeys();
    }
  }
  // The spec rides along so the OpenAPI generator documents exactly the schemas that validate requests.
  return Object.assign(handler, { spec });
}

/**
 * A domain error answers with its code's status (platform/errors.ts). A 4xx shows its message and details; a 5xx
 * only the code, a generic message and the request id — its own message may name internals and stays in the log.
 */
export function errorResponse(thrown: unknown, requestId: string): APIGatewayProxyResult {
  // A dependency that is down, slow or throttling is 503 + Retry-After on every route (./dependency-errors).
  const error = asClientError(thrown);
  if (error instanceof DomainError) {
    const status = statusOf(error.code);
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    if (status >= 500) {
      logger.warn('request failed', { code: error.code, error: thrown as Error });
      const message = PUBLIC_5XX_MESSAGES[error.code] ?? PUBLIC_5XX_MESSAGES.INTERNAL;
      return toResponse(new Reply(status, { error: { code: error.code, message }, requestId }, headers), requestId);
    }
    return toResponse(
      new Reply(status, { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }, requestId }, headers),
      requestId,
    );
  }
  logger.error('unhandled error', { error: thrown as Error });
  return toResponse(new Reply(500, { error: { code: 'INTERNAL', message: PUBLIC_5XX_MESSAGES.INTERNAL }, requestId }), requestId);
}

function toResponse(reply: Reply, requestId: string): APIGatewayProxyResult {
  return {
    statusCode: reply.status,
    headers: { ...BASE_HEADERS, 'x-request-id': requestId, ...reply.headers },
    body: reply.body === undefined ? '' : JSON.stringify(reply.body),
  };
}

function lowerCaseHeaders(headers: APIGatewayProxyEvent['headers'] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function decodeBody(event: APIGatewayProxyEvent): string {
  if (!event.body) return '';
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes`, { maxBytes: MAX_BODY_BYTES });
  }
  return text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw validationFailed([{ in: 'body', path: '', message: 'Body is not valid JSON' }], 'Malformed JSON body');
  }
}

function parse<S extends Schema>(schema: S, input: unknown, where: ValidationIssue['in'], issues: ValidationIssue[]): output<S> | undefined {
  const result = safeParse(schema, input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) issues.push({ in: where, path: issue.path.map(String).join('.'), message: issue.message });
  return undefined;
}

/** Reads the identity the gateway's Lambda authorizer attached; absent on public routes. */
export function principalFrom(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Principal | undefined {
  const ctx = event.requestContext?.authorizer as Record<string, unknown> | null | undefined;
  if (!ctx || typeof ctx.userId !== 'string') return undefined;
  const role = ctx.role as Role;
  const tier = ctx.tier as Tier;
  if (!ROLES.includes(role) || !TIERS.includes(tier)) return undefined;
  return { userId: ctx.userId, role, tier, jti: String(ctx.jti ?? ''), tokenExpiresAt: Number(ctx.tokenExpiresAt ?? 0) };
}

function authorize(auth: Auth, principal: Principal | undefined): void {
  if (auth === 'public') return;
  if (!principal) throw unauthenticated();
  if (auth === 'admin' && principal.role !== 'ADMIN') throw forbidden('This route requires the ADMIN role');
}
