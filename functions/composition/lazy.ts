/** A use case's accessor: wired on first call, once per cold start, so a handler builds only what it runs. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = make();
      built = true;
    }
    return value as T;
  };
}
