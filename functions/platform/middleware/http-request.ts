import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { safeParse, type $ZodType, type output } from 'zod/v4/core';
import '../zod-locale';
import { ROLES, TIERS, type Principal, type Role, type Tier } from '#domain/identity';
import { DomainError, forbidden, unauthenticated, validationFailed, type ValidationIssue } from '../errors';
import { logger } from '../logger';
import { requestIdOf } from './error-mapping';

export type Auth = 'public' | 'user' | 'admin';
/** Any zod schema, classic or mini: handlers on hot paths use `zod/mini` to keep bundles small. */
export type Schema = $ZodType;

export interface RequestSpec {
  auth: Auth;
  body?: Schema;
  query?: Schema;
  params?: Schema;
  headers?: Schema;
}

/** What a route's handler receives, parsed and checked. */
export interface ParsedRequest {
  body: unknown;
  query: unknown;
  params: unknown;
  principal: Principal | undefined;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  requestId: string;
  /** The raw body text, for signature checks and idempotency fingerprints. */
  rawBody: string;
  event: APIGatewayProxyEvent;
}

/** The event as the chain hands it on: middy's way is for middleware to enrich the event. */
export type HttpEvent = APIGatewayProxyEvent & { parsed?: ParsedRequest };

export const MAX_BODY_BYTES = 64 * 1024;

/**
 * Before the handler: the caller's identity (from the Lambda authorizer's context) and its right to the route, the
 * 64 KiB body limit, and header, body, query and path validation — every bad field named in one 400.
 */
export function httpRequest(spec: RequestSpec): middy.MiddlewareObj<HttpEvent, APIGatewayProxyResult, Error, Context> {
  return {
    before: (request) => {
      const event = request.event;
      const requestId = requestIdOf(event, request.context);
      const headers = lowerCaseHeaders(event.headers);
      const principal = principalFrom(event);
      logger.appendKeys({ requestId, userId: principal?.userId });
      authorize(spec.auth, principal);
      const rawBody = decodeBody(event);
      const issues: ValidationIssue[] = [];
      const body = spec.body ? parse(spec.body, rawBody ? parseJson(rawBody) : undefined, 'body', issues) : undefined;
      const query = spec.query ? parse(spec.query, event.queryStringParameters ?? {}, 'query', issues) : undefined;
      const params = spec.params ? parse(spec.params, event.pathParameters ?? {}, 'path', issues) : undefined;
      if (spec.headers) parse(spec.headers, headers, 'header', issues);
      if (issues.length) throw validationFailed(issues);
      event.parsed = { body, query, params, principal, headers, requestId, rawBody, event };
    },
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
