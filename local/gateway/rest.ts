import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import type { HandlerRef, RestRoute } from '../../lib/capabilities/types';
import { invoke } from '../invoke';
import { localLog } from '../log';
import { ACCOUNT_ID, API_ID, STAGE, authorize, methodArn, type AuthorizerContext } from './authorizer';
import { BodyTooLarge, MAX_REQUEST_BYTES, queryParameters, readBody, requestHeaders, requestTime, sendError, sourceIp } from './http-io';
import { RouteTable } from './route-table';

export interface RestGatewayOptions {
  routes: RestRoute[];
  authorizer: HandlerRef;
}

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization,content-type,idempotency-key,x-admission-token,x-device-id',
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
};

/**
 * API Gateway REST (v1 proxy integration) in front of in-process handlers: route matching, the Lambda authorizer,
 * the proxy event, and the proxy result back onto the HTTP response.
 */
export function restGateway(options: RestGatewayOptions) {
  const table = new RouteTable(options.routes);

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = randomUUID();
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (method === 'OPTIONS' && table.has(path)) {
      res.writeHead(204, CORS_HEADERS).end();
      return;
    }
    const match = table.match(method, path);
    if (match.kind === 'not-found') return sendError(res, 404, 'NOT_FOUND', `No route for ${method} ${path}`, requestId);
    if (match.kind === 'method-not-allowed') {
      return sendError(res, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`, requestId, { allow: match.allowed.join(',') });
    }

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        return sendError(res, 413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_REQUEST_BYTES} bytes`, requestId, { connection: 'close' });
      }
      throw e;
    }

    const { route, pathParameters } = match;
    const { headers, multiValueHeaders } = requestHeaders(req);
    const query = queryParameters(url.searchParams);
    const now = new Date();
    const arn = methodArn(`${method}${path}`);

    let authorizerContext: AuthorizerContext | undefined;
    if (route.auth !== 'public') {
      const authEvent: APIGatewayRequestAuthorizerEvent = {
        type: 'REQUEST',
        methodArn: arn,
        resource: route.path,
        path,
        httpMethod: method,
        headers,
        multiValueHeaders,
        pathParameters,
        stageVariables: null,
        ...query,
        requestContext: requestContext(req, { requestId, method, path, route, now }) as APIGatewayRequestAuthorizerEvent['requestContext'],
      };
      const decision = await authorize(options.authorizer, authEvent);
      if (decision.kind === 'unauthorized') return sendError(res, 401, 'UNAUTHENTICATED', 'A valid access token is required', requestId);
      if (decision.kind === 'forbidden') return sendError(res, 403, 'FORBIDDEN', 'You are not allowed to do this', requestId);
      if (decision.kind === 'failed') {
        return sendError(res, 503, 'DEPENDENCY_UNAVAILABLE', 'Authorization is unavailable, try again shortly', requestId, { 'retry-after': '2' });
      }
      if (decision.kind === 'error') return sendError(res, 500, 'INTERNAL', 'Internal server error', requestId);
      authorizerContext = decision.context;
    }

    const event: APIGatewayProxyEvent = {
      resource: route.path,
      path,
      httpMethod: method,
      headers,
      multiValueHeaders,
      ...query,
      pathParameters,
      stageVariables: null,
      body: body.length ? body.toString('utf8') : null,
      isBase64Encoded: false,
      requestContext: requestContext(req, { requestId, method, path, route, now, authorizer: authorizerContext }),
    };

    let result: APIGatewayProxyResult;
    try {
      result = await invoke<APIGatewayProxyResult>(route.handler, event);
    } catch (e) {
      localLog.error('handler threw', e, { handler: route.handler, requestId });
      return sendError(res, 502, 'INTERNAL', 'Internal server error', requestId);
    }
    writeResult(res, result, route.handler, requestId);
  };
}

interface ContextInput {
  requestId: string;
  method: string;
  path: string;
  route: RestRoute;
  now: Date;
  authorizer?: AuthorizerContext;
}

function requestContext(req: IncomingMessage, c: ContextInput): APIGatewayProxyEvent['requestContext'] {
  return {
    accountId: ACCOUNT_ID,
    apiId: API_ID,
    stage: STAGE,
    requestId: c.requestId,
    extendedRequestId: c.requestId,
    resourceId: c.route.path,
    resourcePath: c.route.path,
    httpMethod: c.method,
    path: `/${STAGE}${c.path}`,
    protocol: `HTTP/${req.httpVersion}`,
    domainName: req.headers.host ?? '127.0.0.1',
    requestTime: requestTime(c.now),
    requestTimeEpoch: c.now.getTime(),
    authorizer: c.authorizer,
    identity: {
      sourceIp: sourceIp(req),
      userAgent: req.headers['user-agent'] ?? null,
      accessKey: null,
      accountId: null,
      apiKey: null,
      apiKeyId: null,
      caller: null,
      clientCert: null,
      cognitoAuthenticationProvider: null,
      cognitoAuthenticationType: null,
      cognitoIdentityId: null,
      cognitoIdentityPoolId: null,
      principalOrgId: null,
      user: null,
      userArn: null,
    },
  };
}

/** A result without a numeric statusCode is what API Gateway calls a malformed Lambda proxy response (502). */
function writeResult(res: ServerResponse, result: APIGatewayProxyResult | undefined, handler: string, requestId: string): void {
  if (!result || typeof result.statusCode !== 'number') {
    localLog.error('malformed proxy result', new Error('Malformed Lambda proxy response'), { handler, requestId });
    return sendError(res, 502, 'INTERNAL', 'Internal server error', requestId);
  }
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = String(v);
  for (const [k, v] of Object.entries(result.multiValueHeaders ?? {})) headers[k.toLowerCase()] = v.map(String);
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  res.writeHead(result.statusCode, headers);
  res.end(body);
}
