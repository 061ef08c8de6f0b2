import { capabilities } from '../capabilities';
import type {
  Capability,
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
import { authorizerHandler } from '../routes';

/** Everything the application stack deploys, gathered from the capabilities (tests pass fixture manifests). */
export interface SystemManifest {
  readonly restRoutes: readonly RestRoute[];
  readonly wsRoutes: readonly WsRoute[];
  readonly queues: readonly QueueDefinition[];
  readonly eventRules: readonly EventRuleDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly holdDeadlines?: HoldDeadlinesDefinition;
  /** The REST and `$connect` authorizer: verifies the JWT and checks the logout denylist. */
  readonly authorizer: FunctionBudget & { readonly handler: HandlerRef; readonly needs: readonly Need[] };
}

export function manifestOf(list: readonly Capability[], authorizer: HandlerRef = authorizerHandler): SystemManifest {
  const deadlines = list.flatMap((c) => (c.holdDeadlines ? [c.holdDeadlines] : []));
  if (deadlines.length > 1) throw new Error('Only one capability may declare holdDeadlines');
  return {
    restRoutes: list.flatMap((c) => c.routes ?? []),
    wsRoutes: list.flatMap((c) => c.wsRoutes ?? []),
    queues: list.flatMap((c) => c.queues ?? []),
    eventRules: list.flatMap((c) => c.eventRules ?? []),
    schedules: list.flatMap((c) => c.schedules ?? []),
    holdDeadlines: deadlines[0],
    // Verifies only: the public keys and a read of the logout denylist. 1024 MB: every user request waits on it.
    authorizer: { handler: authorizer, needs: ['jwtVerify', 'tableRead'], memoryMb: 1024 },
  };
}

/** What the real app deploys today. */
export const systemManifest: SystemManifest = manifestOf(capabilities);
