import { capabilities } from '../capabilities';
import type {
  Capability,
  ChangeStreamDefinition,
  EventRuleDefinition,
  FunctionBudget,
  HandlerRef,
  HoldDeadlinesDefinition,
  Need,
  QueueDefinition,
  RestRoute,
  ScheduleDefinition,
  WsRoute,
} from '../capabilities/types';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../capabilities/needs';
import { authorizerHandler } from '../routes';

/** Everything the application stack deploys, gathered from the capabilities (tests pass fixture manifests). */
export interface SystemManifest {
  readonly restRoutes: readonly RestRoute[];
  readonly wsRoutes: readonly WsRoute[];
  readonly queues: readonly QueueDefinition[];
  readonly eventRules: readonly EventRuleDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly holdDeadlines?: HoldDeadlinesDefinition;
  readonly changeStream?: ChangeStreamDefinition;
  /** The REST and `$connect` authorizer: verifies the JWT and checks the logout denylist. */
  readonly authorizer: FunctionBudget & { readonly handler: HandlerRef; readonly needs: readonly Need[] };
}

export function manifestOf(list: readonly Capability[], authorizer: HandlerRef = authorizerHandler): SystemManifest {
  const deadlines = list.flatMap((c) => (c.holdDeadlines ? [c.holdDeadlines] : []));
  if (deadlines.length > 1) throw new Error('Only one capability may declare holdDeadlines');
  const streams = list.flatMap((c) => (c.changeStream ? [c.changeStream] : []));
  if (streams.length > 1) throw new Error('Only one capability may declare changeStream');
  return {
    restRoutes: list.flatMap((c) => c.routes ?? []),
    wsRoutes: list.flatMap((c) => c.wsRoutes ?? []),
    queues: list.flatMap((c) => c.queues ?? []),
    eventRules: list.flatMap((c) => c.eventRules ?? []),
    schedules: list.flatMap((c) => c.schedules ?? []),
    holdDeadlines: deadlines[0],
    changeStream: streams[0],
    // Verifies only: the public keys and a read of the logout denylist. 1024 MB: every user request waits on it.
    authorizer: { handler: authorizer, needs: ['jwtVerify', 'tableRead'], memoryMb: 1024 },
  };
}

/** What the real app deploys today. */
export const systemManifest: SystemManifest = manifestOf(capabilities);

/** One deployed function as its declarations size it: what CDK applies and the local cloud enforces per invocation. */
export interface FunctionSpec {
  readonly needs: readonly Need[];
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Concurrency set aside for the function alone (the push workers): the local cloud gives it a thread of its own. */
  readonly reservedConcurrency?: number;
}

type Declared = FunctionBudget & { readonly handler: HandlerRef; readonly needs: readonly Need[]; readonly reservedConcurrency?: number };

/** Every function of a manifest by handler; a handler declared twice is one function with the union of the needs (as in CDK). */
export function functionSpecsOf(m: Omit<SystemManifest, 'authorizer'> & { authorizer?: SystemManifest['authorizer'] }): Map<HandlerRef, FunctionSpec> {
  const declared: Declared[] = [
    ...m.restRoutes,
    ...m.wsRoutes,
    ...m.queues.map((q) => ({ handler: q.consumer, needs: q.consumerNeeds, ...q.consumerBudget })),
    ...m.eventRules.map((r) => ({ ...r, handler: r.target })),
    ...m.schedules,
    ...(m.holdDeadlines ? [{ ...m.holdDeadlines, handler: m.holdDeadlines.expireHandler }] : []),
    ...(m.changeStream ? [{ ...m.changeStream, handler: m.changeStream.consumer }] : []),
    ...(m.authorizer ? [m.authorizer] : []),
  ];
  const specs = new Map<HandlerRef, FunctionSpec>();
  for (const d of declared) {
    const before = specs.get(d.handler);
    const reservedConcurrency = before?.reservedConcurrency ?? d.reservedConcurrency;
    specs.set(d.handler, {
      needs: [...new Set([...(before?.needs ?? []), ...d.needs])],
      timeoutSeconds: before?.timeoutSeconds ?? d.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      memoryMb: before?.memoryMb ?? d.memoryMb ?? DEFAULT_MEMORY_MB,
      ...(reservedConcurrency ? { reservedConcurrency } : {}),
    });
  }
  return specs;
}
