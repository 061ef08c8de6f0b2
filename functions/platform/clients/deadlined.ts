import type { MiddlewareStack } from '@smithy/types';
import { tagDependency } from '../dependency-errors';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK client's stack, whatever its input/output types
type Tagged = { middlewareStack: MiddlewareStack<any, any> };

/** Every SDK client gets the deadline settings (../deadlines) and names itself on its errors, so a 503 says which. */
export function deadlined<C extends Tagged>(dependency: string, client: C): C {
  client.middlewareStack.add(
    (next) => (args) =>
      next(args).catch((error: unknown) => {
        throw tagDependency(error, dependency);
      }),
    { step: 'initialize', name: 'tagDependencyErrors' },
  );
  return client;
}
