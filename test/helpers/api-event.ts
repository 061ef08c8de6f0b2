import type { APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { Principal } from '#domain/identity';

/**
 * API Gateway events as the real gateway sends them, for calling handlers in-process: REST proxy events (v1
 * payload) with the authorizer's context, and REQUEST authorizer events for REST and WebSocket `$connect`.
 */
export const TEST_API_ID = 'testapi123';
export const TEST_STAGE = 'local';
const ARN_PREFIX = `arn:aws:execute-api:us-east-1:123456789012:${TEST_API_ID}/${TEST_STAGE}`;

export interface ApiEventInput {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The resource template, e.g. `/v1/concerts/{concertId}`; the path is filled in from `pathParameters`. */
  resource?: string;
  /** A concrete path, when no template is given. */
  path?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string | undefined>;
  /** An object is sent as JSON; a string is sent as is (to test malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller as the authorizer established it; omitted for anonymous calls. */
  principal?: Partial<Principal> & Pick<Principal, 'userId'>;
  /** A raw authorizer context, for tests of unusual contexts. */
  authorizer?: Record<string, string | number | boolean>;
}

/** The authorizer context for a principal, with `principalId` as API Gateway adds it. */
export const authorizerContext = (p: Principal) => ({ principalId: p.userId, ...p });

function contextOf(input: ApiEventInput, requestId: string) {
  if (input.authorizer) return input.authorizer;
  const p = input.principal;
  if (!p) return null;
  return authorizerContext({
    userId: p.userId,
    role: p.role ?? 'USER',
    tier: p.tier ?? 'BASIC',
    jti: p.jti ?? `jti-${requestId}`,
    tokenExpiresAt: p.tokenExpiresAt ?? Math.floor(Date.now() / 1000) + 900,
  });
}

export function apiEvent(input: ApiEventInput): APIGatewayProxyEvent {
  const requestId = randomUUID();
  const method = input.method ?? 'GET';
  const resource = input.resource ?? input.path ?? '/';
  const path = input.path ?? resource.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(input.pathParameters?.[name] ?? ''));
  const query = Object.fromEntries(Object.entries(input.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  const headers = { accept: 'application/json', ...(input.body !== undefined ? { 'content-type': 'application/json' } : {}), ...input.headers };
  const hasQuery = Object.keys(query).length > 0;
  return {
    resource,
    path,
    httpMethod: method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: hasQuery ? query : null,
    multiValueQueryStringParameters: hasQuery ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body === undefined ? null : typeof input.body === 'string' ? input.body : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: TEST_API_ID,
      stage: TEST_STAGE,
      requestId,
      requestTimeEpoch: Date.now(),
      httpMethod: method,
      path: `/${TEST_STAGE}${path}`,
      resourcePath: resource,
      resourceId: 'res123',
      protocol: 'HTTP/1.1',
      authorizer: contextOf(input, requestId),
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
    },
  };
}

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

export interface ApiResponse<T = unknown> {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body (undefined for an empty body). */
  body: T;
}

type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Calls a REST handler with an event (or the input for one) and parses its JSON response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON by path and assert the shape they need
export async function invoke<T = any>(handler: ProxyHandler, input: ApiEventInput | APIGatewayProxyEvent): Promise<ApiResponse<T>> {
  const event = 'requestContext' in input ? input : apiEvent(input);
  const context = { awsRequestId: event.requestContext.requestId, functionName: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
  const result = await handler(event, context);
  return {
    status: result.statusCode,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    body: (result.body ? JSON.parse(result.body) : undefined) as T,
  };
}

export const admin = { userId: 'test-admin', role: 'ADMIN' } as const;
export const user = { userId: 'test-user', role: 'USER' } as const;
