import { capabilities } from '../capabilities';
import type {
  Capability,
  ChangeStreamDefinition,
  EventRuleDefinition,
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
  readonly changeStream?: ChangeStreamDefinition;
  /** The REST and `$connect` authorizer: verifies the JWT and checks the logout denylist. */
  readonly authorizer: { readonly handler: HandlerRef; readonly needs: readonly Need[] };
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
    authorizer: { handler: authorizer, needs: ['jwtKeys', 'table'] },
  };
}

/** What the real app deploys today. */
export const systemManifest: SystemManifest = manifestOf(capabilities);
