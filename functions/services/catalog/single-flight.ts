/**
 * Concurrent loads of the same key inside one container share one promise, so a burst of cache misses becomes
 * one DynamoDB query instead of one per request.
 */
export function singleFlight<T>(): (key: string, load: () => Promise<T>) => Promise<T> {
  const inFlight = new Map<string, Promise<T>>();
  return (key, load) => {
    const running = inFlight.get(key);
    if (running) return running;
    const started = load().finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
