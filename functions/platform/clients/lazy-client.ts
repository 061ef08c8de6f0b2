/**
 * Each SDK or Redis client is built once per cold start, on first use, in a module of its own: a bundle imports only
 * the client modules its use case reaches, so a function that never sends to SQS never loads the SQS client.
 * Endpoints come from the ordinary `AWS_ENDPOINT_URL_<SERVICE>` variables, which is how the local cloud points the
 * same code at local services.
 */
const resets: Array<() => void> = [];

export function lazyClient<T>(make: () => T): () => T {
  let value: T | undefined;
  resets.push(() => {
    const client = value as { disconnect?: () => void; destroy?: () => void } | undefined;
    if (client?.disconnect) client.disconnect();
    else client?.destroy?.();
    value = undefined;
  });
  return () => (value ??= make());
}

/**
 * Closes every client built so far; the next use builds a fresh one from the current environment. The local cloud
 * calls it on stop, so no client keeps reconnecting to a service that is gone.
 */
export function resetClients(): void {
  for (const reset of resets) reset();
}
