import type middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from '../logger';
import { flushMetrics } from '../metrics';

/**
 * What every Lambda wrapper (REST, workers) runs around an invocation: the Powertools logger gets the Lambda context
 * (function name, cold start, request id — what its `injectLambdaContext` middleware adds, without its log-buffer
 * and sampling machinery the hot-path bundles have no room for) and drops the invocation's keys afterwards; the
 * invocation's metrics are written as one EMF line when it ends, on success or failure.
 */
export function invocationLogging<E, R>(): middy.MiddlewareObj<E, R, Error, Context> {
  const end = () => {
    flushMetrics();
    logger.resetKeys();
  };
  return {
    before: (request) => logger.addContext(request.context),
    after: end,
    onError: end,
  };
}
