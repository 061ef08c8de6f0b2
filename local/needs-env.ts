import { AsyncLocalStorage } from 'node:async_hooks';
import { envOfNeeds, NEED_OWNED_ENV, type Need } from '../lib/capabilities/needs';
import { ENV_SCOPE } from '../functions/platform/config';

/**
 * In AWS each function has its own environment, holding only its needs' variables. Locally every function runs in
 * one process, so `process.env` becomes a view: inside an invocation, every variable owned by a need the function
 * did not declare reads as unset (the common ones — stage, region, log level, SDK endpoints — stay). A handler that
 * uses a need it did not declare fails here as it would in AWS. Outside any invocation the view is the whole
 * environment, so the local cloud, tests and scripts see what they set.
 */
interface EnvView {
  readonly hidden: ReadonlySet<string>;
}

const current = new AsyncLocalStorage<EnvView>();
const views = new Map<string, EnvView>();

/** One view object per need set: config() memoises per view (ENV_SCOPE), so it is built once per function. */
function viewOf(needs: readonly Need[]): EnvView {
  const id = [...new Set(needs)].sort().join(',');
  let view = views.get(id);
  if (!view) {
    const declared = envOfNeeds(needs, { local: true });
    view = { hidden: new Set([...NEED_OWNED_ENV].filter((name) => !declared.has(name))) };
    views.set(id, view);
  }
  return view;
}

let installed = false;

/** Replaces process.env by the scoped view once per process; the variables themselves stay where they were. */
function install(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const hidden = (key: string | symbol) => typeof key === 'string' && current.getStore()?.hidden.has(key) === true;
  process.env = new Proxy(base, {
    get: (target, key) => (key === ENV_SCOPE ? current.getStore() : hidden(key) ? undefined : Reflect.get(target, key)),
    has: (target, key) => !hidden(key) && Reflect.has(target, key),
    ownKeys: (target) => Reflect.ownKeys(target).filter((key) => !hidden(key)),
    getOwnPropertyDescriptor: (target, key) => (hidden(key) ? undefined : Reflect.getOwnPropertyDescriptor(target, key)),
    // Writes go straight to the real environment (process.env accepts plain assignment only, not a defineProperty).
    set: (target, key, value) => Reflect.set(target, key, value),
    deleteProperty: (target, key) => Reflect.deleteProperty(target, key),
  });
}

/** Runs `fn` (one invocation) seeing only the common variables and those of `needs`. */
export function withDeclaredEnv<T>(needs: readonly Need[], fn: () => T): T {
  install();
  return current.run(viewOf(needs), fn);
}
