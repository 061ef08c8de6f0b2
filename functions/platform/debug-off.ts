/**
 * Stands in for the `debug` package inside Lambda bundles (lib/constructs/lambda-function.ts aliases it here).
 * ioredis traces through `debug`, which prints only when DEBUG names an ioredis namespace — never in our functions —
 * yet bundling the real one costs ~10 KB and a TTY/colour probe at every cold start. Local runs keep the real one.
 */
interface Debugger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  destroy: () => boolean;
  extend: (suffix: string) => Debugger;
}

export default function debug(namespace: string): Debugger {
  return Object.assign(() => {}, {
    enabled: false,
    namespace,
    destroy: () => true,
    extend: (suffix: string) => debug(`${namespace}:${suffix}`),
  });
}
