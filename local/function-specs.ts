import type { HandlerRef, Need } from '../lib/capabilities/types';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, type FunctionBudget } from '../lib/capabilities/needs';
import type { SystemManifest } from '../lib/stacks/system-manifest';

/** What the local cloud enforces per invocation of a handler, from the same declarations CDK deploys. */
export interface FunctionSpec {
  readonly needs: readonly Need[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

type Declared = FunctionBudget & { readonly handler: HandlerRef; readonly needs: readonly Need[] };

/** Every function of a manifest by handler; a handler declared twice is one function with the union of the needs (as in CDK). */
export function functionSpecsOf(m: Omit<SystemManifest, 'authorizer'> & { authorizer?: SystemManifest['authorizer'] }): Map<HandlerRef, FunctionSpec> {
  const declared: Declared[] = [
    ...m.restRoutes,
    ...m.wsRoutes,
    ...m.queues.map((q) => ({ handler: q.consumer, needs: q.consumerNeeds, ...q.consumerBudget })),
    ...m.eventRules.map((r) => ({ ...r, handler: r.target })),
    ...m.schedules,
    ...(m.holdDeadlines ? [{ ...m.holdDeadlines, handler: m.holdDeadlines.expireHandler }] : []),
    ...(m.authorizer ? [m.authorizer] : []),
  ];
  const specs = new Map<HandlerRef, FunctionSpec>();
  for (const d of declared) {
    const before = specs.get(d.handler);
    specs.set(d.handler, {
      needs: [...new Set([...(before?.needs ?? []), ...d.needs])],
      timeoutSeconds: before?.timeoutSeconds ?? d.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: before?.memoryMb ?? d.memoryMb ?? DEFAULT_MEMORY_MB,
    });
  }
  return specs;
}
