import type { APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { Principal } from '#domain/identity';

/**
 * API Gateway events as the real gateway sends them, for calling handlers in-process: REST proxy events (v1
 * payload) with an optional authorizer context, and REQUEST authorizer events for REST and WebSocket `$connect`.
 */
export const TEST_API_ID = 'testapi123';
export const TEST_STAGE = 'local';
const ARN_PREFIX = `arn:aws:execute-api:us-east-1:123456789012:${TEST_API_ID}/${TEST_STAGE}`;

export interface ApiEventInput {
  method?: string;
  /** Concrete path, e.g. `/v1/auth/me`. */
  path: string;
  /** Resource template, e.g. `/v1/concerts/{concertId}`; defaults to `path`. */
  resource?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string is sent as is (to test malformed bodies). */
  body?: unknown;
  /** The authorizer's context, as API Gateway attaches it (see authorizerContext). */
  authorizer?: Record<string, string | number | boolean>;
}

export function apiEvent(input: ApiEventInput): APIGatewayProxyEvent {
  const method = input.method ?? 'GET';
  const resource = input.resource ?? input.path;
  const headers = { accept: 'application/json', ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}), ...input.headers };
  return {
    resource,
    path: input.path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query && Object.keys(input.query).length ? input.query : null,
    multiValueQueryStringParameters: input.query && Object.keys(input.query).length ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body === undefined ? null : typeof input.body === 'string' ? input.body : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: TEST_API_ID,
      stage: TEST_STAGE,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      httpMethod: method,
      path: `/${TEST_STAGE}${input.path}`,
      resourcePath: resource,
      resourceId: 'res123',
      protocol: 'HTTP/1.1',
      authorizer: input.authorizer ?? null,
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
    },
  };
}

/** The authorizer context for a principal, with `principalId` as API Gateway adds it. */
export const authorizerContext = (p: Principal) => ({ principalId: p.userId, ...p });

export function restAuthorizerEvent(input: { method?: string; path: string; headers?: Record<string, string>; query?: Record<string, string> }): APIGatewayRequestAuthorizerEvent {
  const method = input.method ?? 'GET';
  return {
    type: 'REQUEST',
    methodArn: `${ARN_PREFIX}/${method}${input.path}`,
    resource: input.path,
    path: input.path,
    httpMethod: method,
    headers: input.headers ?? {},
    multiValueHeaders: null,
    pathParameters: null,
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: TEST_API_ID,
      stage: TEST_STAGE,
      requestId: randomUUID(),
      requestTimeEpoch: Date.now(),
      httpMethod: method,
      path: `/${TEST_STAGE}${input.path}`,
      resourcePath: input.path,
      resourceId: 'res123',
      protocol: 'HTTP/1.1',
      authorizer: undefined,
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' },
    } as unknown as APIGatewayRequestAuthorizerEvent['requestContext'],
  };
}

export function wsConnectAuthorizerEvent(input: { query?: Record<string, string>; headers?: Record<string, string> }): APIGatewayRequestAuthorizerEvent {
  return { ...restAuthorizerEvent({ path: '', headers: input.headers, query: input.query }), methodArn: `${ARN_PREFIX}/$connect` };
}

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Calls a REST handler and parses its JSON body. */
export async function invoke<T = Record<string, unknown>>(handler: ProxyHandler, event: APIGatewayProxyEvent) {
  const context = { awsRequestId: event.requestContext.requestId } as Context;
  const result = await handler(event, context);
  return { status: result.statusCode, headers: result.headers ?? {}, body: (result.body ? JSON.parse(result.body) : undefined) as T };
}
