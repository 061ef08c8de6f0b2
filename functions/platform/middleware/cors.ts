import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

/**
 * CORS from the stage's `corsOrigins` (CORS_ORIGINS, comma-separated; `*` in the local stage). With a list, the
 * answer names the caller's origin only when it is on the list, and says `Vary: Origin` so a cache never hands one
 * origin's answer to another. It runs on errors too: a browser must be able to read a 4xx/503.
 */
export function allowedOrigin(origins: readonly string[], requestOrigin: string | undefined): string | undefined {
  if (origins.includes('*')) return '*';
  return requestOrigin !== undefined && origins.includes(requestOrigin) ? requestOrigin : undefined;
}

export const parseOrigins = (value: string | undefined): string[] =>
  (value ?? '*')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

export function cors(origins: readonly string[]): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  const addHeaders = (request: middy.Request<APIGatewayProxyEvent, APIGatewayProxyResult>) => {
    const response = request.response;
    if (!response) return;
    const headers = (response.headers ??= {});
    const requestHeaders = request.event.headers ?? {};
    const origin = requestHeaders.origin ?? requestHeaders.Origin;
    const allowed = allowedOrigin(origins, origin);
    if (allowed) headers['access-control-allow-origin'] = allowed;
    if (allowed !== '*') headers.vary = headers.vary ? `${headers.vary}, Origin` : 'Origin';
  };
  return { after: addHeaders, onError: addHeaders };
}
