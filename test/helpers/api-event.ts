import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { Principal } from '#domain/identity';

/**
 * Generic helpers for calling any REST handler in-process with a realistic API Gateway (REST, v1) proxy event,
 * the way the gateway and the Lambda authorizer would deliver it. Not specific to a capability.
 */
export interface ApiEventInput {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The resource template, e.g. `/v1/concerts/{concertId}`; the actual path is filled from `pathParameters`. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string | undefined>;
  /** An object is sent as JSON; a string is sent as-is (to test malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller as the authorizer established it; omitted for anonymous calls. */
  principal?: Partial<Principal> & Pick<Principal, 'userId'>;
}

let counter = 0;

export function apiEvent(input: ApiEventInput): APIGatewayProxyEvent {
  const requestId = `test-${Date.now()}-${++counter}`;
  const path = input.resource.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(input.pathParameters?.[name] ?? ''));
  const query = Object.fromEntries(Object.entries(input.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  const body = input.body === undefined ? null : typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
  const headers = { 'content-type': 'application/json', ...(input.headers ?? {}) };
  const p = input.principal;
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(query).length ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      stage: 'local',
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      path: `/local${path}`,
      resourceId: 'local',
      resourcePath: input.resource,
      requestId,
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
      authorizer: p
        ? {
            principalId: p.userId,
            userId: p.userId,
            role: p.role ?? 'USER',
            tier: p.tier ?? 'BASIC',
            jti: p.jti ?? `jti-${requestId}`,
            tokenExpiresAt: p.tokenExpiresAt ?? Math.floor(Date.now() / 1000) + 900,
          }
        : null,
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body (undefined for an empty body). */
  body: T;
}

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const context = { awsRequestId: 'local', functionName: 'test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

/** Invokes a handler with the event and parses its JSON response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the JSON by path and assert the shape they need
export async function invoke<T = any>(handler: Handler, input: ApiEventInput): Promise<ApiResponse<T>> {
  const result = await handler(apiEvent(input), context);
  return {
    status: result.statusCode,
    headers: Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)])),
    body: (result.body ? JSON.parse(result.body) : undefined) as T,
  };
}

export const admin = { userId: 'test-admin', role: 'ADMIN' } as const;
export const user = { userId: 'test-user', role: 'USER' } as const;
