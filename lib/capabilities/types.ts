/**
 * A capability declares what it deploys: REST routes, WebSocket routes, queues, event rules and schedules.
 * The CDK stacks and the local cloud both read these declarations (via lib/routes.ts and lib/definitions.ts),
 * so a route, queue or rule exists in both or in neither.
 */

import type { FunctionBudget, Need } from './needs';

export type { FunctionBudget, Need } from './needs';

/** `<path under functions/ without .ts>.<export>`, e.g. `http/auth.signIn` → functions/http/auth.ts, export signIn. */
export type HandlerRef = `${string}.${string}`;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteAuth = 'public' | 'user' | 'admin';

export interface RestRoute extends FunctionBudget {
  method: HttpMethod;
  /** API Gateway resource path with `{param}` segments, starting with /v1. */
  path: string;
  handler: HandlerRef;
  /** `user` and `admin` routes run the Lambda authorizer; the handler itself enforces ADMIN. */
  auth: RouteAuth;
  needs: Need[];
  /** Deployed only where the stage allows it (the dev sign-in and the contention lab). */
  stage?: 'local-only' | 'lab';
  /** What the OpenAPI document says about the route beyond its schemas (caching, paging, conditional requests). */
  notes?: string;
  /**
   * Authorize on every request, bypassing the gateway's authorizer cache, so a logout takes effect at once (money,
   * seats given back, the logout itself). Admin routes always are. @default false
   */
  freshAuth?: boolean;
}

export interface WsRoute extends FunctionBudget {
  /** `$connect`, `$disconnect`, `$default`, or an `action` value (route selection is `$request.body.action`). */
  routeKey: string;
  handler: HandlerRef;
  needs: Need[];
}

export interface QueueDefinition {
  /** Construct id, e.g. `JoinQueue`. */
  id: string;
  /** Environment variable that carries the queue URL to producers and consumers. */
  urlEnv: 'JOIN_QUEUE_URL' | 'WEBHOOK_QUEUE_URL' | 'SEAT_FAN_OUT_QUEUE_URL';
  /** The producers' need (see Need). */
  need: 'joinQueue' | 'webhookQueue' | 'seatFanOutQueue';
  consumer: HandlerRef;
  consumerNeeds: Need[];
  /** The consumer's budget; SQS wants the visibility timeout at least six times its timeout (checked by CDK). */
  consumerBudget?: FunctionBudget;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount: number;
  /** Most consumer invocations at once (the event source's maximum concurrency). @default - as many as the queue needs */
  maxConcurrency?: number;
}

export interface EventRuleDefinition extends FunctionBudget {
  id: string;
  /** Matches `detail-type` of events from EVENT_SOURCE. */
  detailTypes: string[];
  target: HandlerRef;
  needs: Need[];
  /**
   * Reserved concurrency of the target: set aside for it and capping it, so a burst of its events can neither be
   * starved by nor starve the request paths (EventBridge retries an invocation refused by the cap).
   */
  reservedConcurrency?: number;
}

export interface ScheduleDefinition extends FunctionBudget {
  id: string;
  handler: HandlerRef;
  needs: Need[];
  /** In AWS the rule fires every minute; the local cloud invokes the handler every `localIntervalMs`. */
  localIntervalMs: number;
  /**
   * Deployed disabled; functions with the `admissionLoop` need enable and disable it (ADMISSION_LOOP_RULE_NAME),
   * so it runs only while there is work. At most one schedule is armed. @default false
   */
  armed?: boolean;
}

/**
 * The hold-deadline state machine (one execution per hold). Its Lambda task is invoked with
 * `{ reservationId, phase: 'HOLD' | 'PAYING' }` and returns `{ status, paymentExpiresAt? }`: after the HOLD
 * phase, `status === 'PAYING'` makes the machine wait until `paymentExpiresAt` and invoke it again with PAYING.
 * Executions start with input `{ reservationId, holdExpiresAt }` (ISO-8601).
 */
export interface HoldDeadlinesDefinition extends FunctionBudget {
  expireHandler: HandlerRef;
  needs: Need[];
}

/**
 * The table's change-stream consumer: domain events follow from committed writes, so a crash after a commit delays
 * an event but never loses it. The event source passes only inserts and updates of items whose `entity` is listed.
 */
export interface ChangeStreamDefinition extends FunctionBudget {
  consumer: HandlerRef;
  needs: Need[];
  /** `entity` values of the items domain events follow from. */
  entities: string[];
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Retries of a failing batch (halved each time) before its records go to the on-failure queue. */
  retryAttempts: number;
}

export interface Capability {
  name: string;
  holdDeadlines?: HoldDeadlinesDefinition;
  changeStream?: ChangeStreamDefinition;
  routes?: RestRoute[];
  wsRoutes?: WsRoute[];
  queues?: QueueDefinition[];
  eventRules?: EventRuleDefinition[];
  schedules?: ScheduleDefinition[];
}

/** Splits a HandlerRef into the entry file (relative to the repo root) and the export name. */
export function resolveHandler(ref: HandlerRef): { entry: string; exportName: string } {
  const dot = ref.lastIndexOf('.');
  return { entry: `functions/${ref.slice(0, dot)}.ts`, exportName: ref.slice(dot + 1) };
}
