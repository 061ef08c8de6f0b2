import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { safeParse, type output } from 'zod/v4/core';
import './zod-locale';
import { withInvocationDeadline } from './deadlines';
import { logger } from './logger';
import { invocationLogging } from './middleware/invocation-logging';
import type { Schema } from './middleware/http-request';

/**
 * The wrappers every non-HTTP Lambda is written with, like `httpHandler` for REST: the logger's Lambda context, the
 * invocation's metrics flushed when it ends, a worker-sized dependency deadline, and a logged failure. Each adds what
 * its trigger needs: SQS consumers answer partial batch failures, Step Functions tasks get their input parsed, and
 * EventBridge targets (./event-handler) get their detail parsed with the event's schema. Extra middleware (e.g.
 * ./tracing's `traced()`) is opt-in per handler so the bundles that do not take it stay small.
 */
export function worker<E, R>(fn: (event: E, context: Context | undefined) => Promise<R>, middleware: readonly middy.MiddlewareObj[] = []) {
  const chain = middy<E, R, Error, Context>()
    .use(invocationLogging<E, R>())
    .use({ onError: ({ error }) => logger.error('invocation failed', { error: error as Error }) })
    .use(middleware as middy.MiddlewareObj<E, R, Error, Context>[])
    .handler(fn);
  return (event: E, context?: Context): Promise<R> => withInvocationDeadline('worker', context, () => chain(event, context as Context));
}

/**
 * An SQS consumer (reportBatchItemFailures): `fn` handles the batch and returns the message ids that failed, which
 * alone come back; if `fn` throws, every message of the batch comes back (and, after maxReceiveCount, the DLQ).
 */
export function sqsBatchHandler(fn: (records: SQSRecord[]) => Promise<readonly string[]>, middleware: readonly middy.MiddlewareObj[] = []) {
  return worker(async (event: SQSEvent): Promise<SQSBatchResponse> => {
    let failed: readonly string[];
    try {
      failed = await fn(event.Records);
    } catch (error) {
      logger.error('batch failed; every message is retried', { error: error as Error, messages: event.Records.length });
      failed = event.Records.map((r) => r.messageId);
    }
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  }, middleware);
}

/** A scheduled (EventBridge Scheduler/rule) worker; `fn` gets the Lambda context for its remaining time. */
export const scheduledHandler = <R>(fn: (context: Context | undefined) => Promise<R>) => worker((_event: unknown, context) => fn(context));

/** An input that does not match its contract: retrying cannot fix it, so the failure carries the reason. */
export class InputContractError extends Error {
  override name = 'InputContractError';
}

/** A Step Functions task: its input parsed with `schema`; a bad input fails the task with the reason. */
export function taskHandler<S extends Schema, R>(schema: S, fn: (input: output<S>) => Promise<R>) {
  return worker(async (event: unknown) => {
    const parsed = safeParse(schema, event);
    if (!parsed.success) throw new InputContractError(`Task input rejected — ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return fn(parsed.data);
  });
}
