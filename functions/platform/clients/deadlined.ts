import type { HttpHandlerOptions, MiddlewareStack, RequestHandler } from '@smithy/types';
import { attemptTimeoutMs, budgetSpentError, connectTimeoutMs, DEADLINES } from '../deadlines';
import { tagDependency } from '../dependency-errors';

/**
 * What an SDK client is built with. The request handler is the SDK package's own smithy `NodeHttpHandler`, made
 * from these options: a handler class of ours would bundle ~10 KB of smithy into every function that merely might
 * load an SDK client, and load a second copy of it beside the SDK's. `throwOnRequestTimeout` matters: without it a
 * request timeout only logs a warning and waits on.
 */
export interface SdkDeadlineSettings {
  maxAttempts: number;
  requestHandler: { connectionTimeout: number; throwOnRequestTimeout: true };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK client's stack and handler, whatever their types
type SdkClient = { middlewareStack: MiddlewareStack<any, any>; config: { requestHandler: RequestHandler<any, any, HttpHandlerOptions> } };

/**
 * Every SDK client gets the deadlines (../deadlines) — each attempt's request timeout is cut to what the invocation
 * has left, and a spent budget fails at once — and names itself on its errors, so a 503 says which.
 */
export function deadlined<C extends SdkClient>(dependency: string, make: (settings: SdkDeadlineSettings) => C): C {
  const client = make({ maxAttempts: DEADLINES.sdkMaxAttempts, requestHandler: { connectionTimeout: connectTimeoutMs(), throwOnRequestTimeout: true } });
  const handler = client.config.requestHandler;
  const handle = handler.handle.bind(handler);
  handler.handle = (request, options: HttpHandlerOptions = {}) => {
    const timeout = attemptTimeoutMs();
    if (timeout <= 0) return Promise.reject(budgetSpentError());
    return handle(request, { ...options, requestTimeout: Math.min(timeout, options.requestTimeout ?? timeout) });
  };
  client.middlewareStack.add(
    (next) => (args) =>
      next(args).catch((error: unknown) => {
        throw tagDependency(error, dependency);
      }),
    { step: 'initialize', name: 'tagDependencyErrors' },
  );
  return client;
}
