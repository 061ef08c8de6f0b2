import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dependencyUnavailable } from '#domain/errors';

/** Failures that mean "DynamoDB is overloaded or unreachable right now", which a client should retry later. */
const UNAVAILABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
]);

export function isUnavailable(e: unknown): boolean {
  const { name, code } = (e ?? {}) as { name?: string; code?: string };
  return UNAVAILABLE.has(String(name)) || UNAVAILABLE.has(String(code));
}

/**
 * The same client, whose overload and connection failures (after the SDK's own retries) surface as 503
 * DEPENDENCY_UNAVAILABLE with Retry-After instead of a 500. Condition failures and everything else pass through.
 */
export function withDependencyErrors(db: () => DynamoDBDocumentClient): () => DynamoDBDocumentClient {
  let wrapped: DynamoDBDocumentClient | undefined;
  return () =>
    (wrapped ??= new Proxy(db(), {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return (command: Parameters<DynamoDBDocumentClient['send']>[0]) =>
          target.send(command).catch((e: unknown) => {
            throw isUnavailable(e) ? dependencyUnavailable('DynamoDB') : e;
          });
      },
    }));
}
