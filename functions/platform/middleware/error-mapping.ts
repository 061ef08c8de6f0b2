import type middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { asClientError } from '../dependency-errors';
import { DomainError, PUBLIC_5XX_MESSAGES, statusOf } from '../errors';
import { logger } from '../logger';
import { count } from '../metrics';
import { Reply, toResponse } from './reply';

/**
 * A domain error answers with its code's status (platform/errors.ts). A 4xx shows its message and details; a 5xx
 * only the code, a generic message and the request id — its own message may name internals and stays in the log.
 */
export function errorResponse(thrown: unknown, requestId: string): APIGatewayProxyResult {
  // A dependency that is down, slow or throttling is 503 + Retry-After on every route (../dependency-errors).
  const error = asClientError(thrown);
  if (error instanceof DomainError) {
    const status = statusOf(error.code);
    const headers: Record<string, string> = {};
    if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
    if (status >= 500) {
      if (error.code === 'DEPENDENCY_UNAVAILABLE') count('DependencyUnavailable');
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

export const requestIdOf = (event: APIGatewayProxyEvent, context: Context | undefined): string =>
  event.requestContext?.requestId ?? context?.awsRequestId ?? 'local';

/** Turns whatever the request threw into its answer; runs before CORS and logging see the response. */
export function errorMapping(): middy.MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context> {
  return {
    onError: (request) => {
      request.response = errorResponse(request.error, requestIdOf(request.event, request.context));
    },
  };
}
