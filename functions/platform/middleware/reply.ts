import type { APIGatewayProxyResult } from 'aws-lambda';

/** A response with a status other than 200, or with headers. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

const BASE_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
};

/** The API Gateway result of a reply; CORS headers are added by ./cors on the way out. */
export function toResponse(reply: Reply, requestId: string): APIGatewayProxyResult {
  return {
    statusCode: reply.status,
    headers: { ...BASE_HEADERS, 'x-request-id': requestId, ...reply.headers },
    body: reply.body === undefined ? '' : JSON.stringify(reply.body),
  };
}
