/**
 * Each SDK or Redis client is built once per cold start, on first use, in a module of its own: a bundle imports only
 * the client modules its use case reaches, so a function that never sends to SQS never loads the SQS client.
 * Endpoints come from the ordinary `AWS_ENDPOINT_URL_<SERVICE>` variables, which is how the local cloud points the
 * same code at local services.
 */
const resets: Array<() => void> = [];

function close(client: unknown): void {
  const c = client as { disconnect?: () => void; destroy?: () => void } | undefined;
  if (c?.disconnect) c.disconnect();
  else c?.destroy?.();
}

export function lazyClient<T>(make: () => T): () => T {
  let value: T | undefined;
  resets.push(() => {
    close(value);
    value = undefined;
  });
  return () => (value ??= make());
}

/** A client and the SDK package it came from (for its command and error classes). */
export type LazySdk<M, C> = () => Promise<{ client: C; sdk: M }>;

/**
 * A client whose SDK package is imported on first use rather than at cold start: importing an SDK package costs
 * tens of milliseconds of init, and the functions that reach SQS or Secrets Manager do so on some requests only (a join
 * sends to SQS in buffered mode alone). DynamoDB, Step Functions, EventBridge and `@connections` need no SDK package at
 * all (./aws-json-protocol.ts, ./connections.ts). The package stays external to the bundle — the Lambda
 * runtime provides it — so this is a plain runtime import, cached after the first.
 */
export function lazySdkClient<M, C>(load: () => Promise<M>, make: (sdk: M) => C): LazySdk<M, C> {
  let value: Promise<{ client: C; sdk: M }> | undefined;
  let built: C | undefined;
  resets.push(() => {
    close(built);
    built = undefined;
    value = undefined;
  });
  return () =>
    (value ??= load().then(
      (sdk) => ({ client: (built = make(sdk)), sdk }),
      (error: unknown) => {
        value = undefined;
        throw error;
      },
    ));
}

/**
 * Closes every client built so far; the next use builds a fresh one from the current environment. The local cloud
 * calls it on stop, so no client keeps reconnecting to a service that is gone.
 */
export function resetClients(): void {
  for (const reset of resets) reset();
}
