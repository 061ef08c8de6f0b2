import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ROUTE_GROUPS, type AbuseConfigOverrides } from '../functions/domain/abuse/config';

export const stageNames = ['local', 'localstack', 'dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

/**
 * Where the waiting room's Redis lives. `elasticache` builds a VPC and an ElastiCache Serverless cache and puts
 * every function that needs Redis into that VPC; `external` only hands functions a URL (the local cloud's
 * redis-server, or the Redis container beside LocalStack, which cannot run ElastiCache without Pro).
 */
export type RedisPlacement =
  | { readonly kind: 'elasticache'; readonly maxAzs: number; readonly natGateways: number }
  | { readonly kind: 'external'; readonly url: string };

/** Where alarms go and when they fire. Every alarm of the stage notifies one SNS topic with these subscribers. */
export interface AlarmSettings {
  /** Subscribed to the alarm topic by email (the address confirms once). @default - none */
  readonly email?: string;
  /** HTTPS endpoint of a chat integration (Slack/Teams workflow, PagerDuty) subscribed to the topic. @default - none */
  readonly chatWebhookUrl?: string;
  /** Share of REST requests answered 4XX (429 throttling included) over 5 minutes, 0–1. */
  readonly api4xxRate: number;
  /** Lambda throttles across the account's functions in one minute. */
  readonly lambdaThrottlesPerMinute: number;
  /** DynamoDB read + write throttle events on the table in one minute. */
  readonly dynamoThrottlesPerMinute: number;
  /** Age of the oldest message in a work queue (joins, webhooks), seconds. */
  readonly queueOldestMessageSeconds: number;
  /** Admission ticks expected per minute while people wait (the loop ticks once a second, ~55 per invocation). */
  readonly admissionTicksPerMinute: number;
  /** Abuse audit rows still buffered in Redis after a sweep (one sweep writes up to 160,000). */
  readonly abuseAuditBacklogRows: number;
}

/**
 * Capacity set before a sale. ElastiCache Serverless scales on demand but takes minutes to grow: a minimum pre-scales
 * it, a maximum caps cost. DynamoDB on-demand warm throughput declares the rate a table must take at once.
 */
export interface SaleCapacity {
  /** ElastiCache Serverless usage limits: ECPUs per second and data storage in GB. @default - no limits */
  readonly cache?: {
    readonly minEcpuPerSecond: number;
    readonly maxEcpuPerSecond: number;
    readonly minStorageGb: number;
    readonly maxStorageGb: number;
  };
  /** DynamoDB warm throughput of the table (and each index): reads and writes per second. @default - none */
  readonly tableWarmThroughput?: { readonly readUnitsPerSecond: number; readonly writeUnitsPerSecond: number };
}

export interface Throttle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/** Everything that differs between stages. Only bin/app.ts chooses one; constructs receive plain props. */
export interface StageConfig {
  readonly name: StageName;
  /** Deploys routes marked `stage: 'local-only'` (the dev sign-in). Never true on a reachable stage. */
  readonly localOnlyRoutes: boolean;
  /** Deploys the contention lab's routes (`stage: 'lab'`) and sets LAB_ENABLED. */
  readonly labEnabled: boolean;
  readonly redis: RedisPlacement;
  readonly logRetention: RetentionDays;
  /** Steady-state requests per second and burst for the REST API stage. */
  readonly throttling: Throttle;
  /**
   * Per-method throttles on the hot routes (`METHOD /path` as in lib/routes.ts), each below the stage's: a flood of
   * one kind (status polls) cannot take the whole stage from another (holds). @default none
   */
  readonly methodThrottles?: Readonly<Record<string, Throttle>>;
  /**
   * Seconds API Gateway caches an authorizer's Allow per `Authorization` header: one Lambda invocation per request
   * on the hot paths. It is also the bound on a logout everywhere except the routes that re-check the denylist
   * in the handler (admin routes, pay, cancel, refund, logout). 0 disables the cache.
   */
  readonly authorizerCacheTtlSeconds: number;
  /**
   * New WebSocket connections per second the waiting room lets clients open (the `connect` flag of QueueStatus),
   * below API Gateway's 500 new connections/s per account and region.
   */
  readonly wsConnectsPerSecond: number;
  /** Origins allowed by CORS on the REST API. */
  readonly corsOrigins: readonly string[];
  /** Deploys the WebSocket API. LocalStack's free tier has no API Gateway v2; there pushes have no endpoint. */
  readonly webSocketApi: boolean;
  /** Serves web/ from S3 + CloudFront (when the folder exists). LocalStack's free tier has no CloudFront. */
  readonly website: boolean;
  /** How long a message may wait in a DLQ before SQS drops it. */
  readonly dlqRetention: Duration;
  /**
   * CPU architecture of every function. AWS stages use arm64 (cheaper per GB-second); LocalStack runs functions in
   * containers on the developer's machine, where most hosts are x86_64 (compose also sets LAMBDA_IGNORE_ARCHITECTURE
   * so Apple-silicon hosts run them natively too).
   */
  readonly lambdaArchitecture: 'arm64' | 'x86_64';
  /**
   * `host:port` that serves `{apiId}.execute-api.<host>` for code running inside the stage, when it is not AWS's own
   * `execute-api.{region}.amazonaws.com` (LocalStack: every subdomain of localhost.localstack.cloud resolves to the
   * LocalStack container from the Lambda containers it starts, and to 127.0.0.1 on the host). @default - AWS
   */
  readonly executeApiHost?: string;
  readonly alarms: AlarmSettings;
  readonly capacity: SaleCapacity;
  /** Overrides of the abuse rules' and rate limits' defaults (functions/domain/abuse/config.ts), set as ABUSE_CONFIG. */
  readonly abuse: AbuseConfigOverrides;
  /** The edge's web ACL: requests per 5 minutes from one address before WAF blocks it. Undefined: no web ACL. */
  readonly wafRateLimitPer5Minutes?: number;
}

/**
 * Locally every client is 127.0.0.1 and the repo's load drivers run thousands of users from it: the per-address
 * limits are lifted out of the way and the per-user limits and abuse rules do the work.
 */
const oneAddressForEveryone: AbuseConfigOverrides = {
  rateLimits: Object.fromEntries(ROUTE_GROUPS.map((g) => [g, { address: { limit: 1_000_000, periodSeconds: 10 } }])),
};

const shared = {
  webSocketApi: true,
  logRetention: RetentionDays.ONE_MONTH,
  corsOrigins: ['*'],
  dlqRetention: Duration.days(14),
  authorizerCacheTtlSeconds: 60,
  lambdaArchitecture: 'arm64',
  capacity: {},
} as const;

const alarmThresholds = {
  api4xxRate: 0.05,
  lambdaThrottlesPerMinute: 0,
  dynamoThrottlesPerMinute: 0,
  queueOldestMessageSeconds: 60,
  admissionTicksPerMinute: 45,
  abuseAuditBacklogRows: 200_000,
} as const;

/**
 * Prod's share of the account's API Gateway quota (lib/aws-quotas.ts: 10,000 rps steady, 5,000 burst, shared by
 * REST, WebSocket messages and `@connections` calls). The stage takes 7,000 rps and leaves 3,000 for pushes and
 * WebSocket traffic; joins, status polls and holds each get a slice so no one of them starves the others.
 */
export const prodThrottles = {
  stage: { rateLimit: 7_000, burstLimit: 3_500 },
  methods: {
    'POST /v1/concerts/{concertId}/queue': { rateLimit: 3_000, burstLimit: 1_500 },
    'GET /v1/concerts/{concertId}/queue/me': { rateLimit: 2_500, burstLimit: 1_250 },
    'POST /v1/reservations': { rateLimit: 1_000, burstLimit: 500 },
  },
} as const satisfies { stage: Throttle; methods: Record<string, Throttle> };

export const stageConfigs: Record<StageName, StageConfig> = {
  local: {
    ...shared,
    name: 'local',
    localOnlyRoutes: true,
    labEnabled: true,
    redis: { kind: 'external', url: 'redis://127.0.0.1:6379' },
    logRetention: RetentionDays.ONE_WEEK,
    throttling: { rateLimit: 1000, burstLimit: 2000 },
    wsConnectsPerSecond: 100,
    website: false,
    alarms: alarmThresholds,
    abuse: oneAddressForEveryone,
  },
  localstack: {
    ...shared,
    name: 'localstack',
    localOnlyRoutes: true,
    labEnabled: true,
    // The `redis` service of docker-compose.localstack.yml, reached from LocalStack's Lambda containers on the
    // compose network (LAMBDA_DOCKER_NETWORK).
    redis: { kind: 'external', url: 'redis://redis:6379' },
    logRetention: RetentionDays.ONE_WEEK,
    throttling: { rateLimit: 1000, burstLimit: 2000 },
    wsConnectsPerSecond: 100,
    webSocketApi: false,
    website: false,
    lambdaArchitecture: 'x86_64',
    executeApiHost: 'localhost.localstack.cloud:4566',
    alarms: alarmThresholds,
    abuse: oneAddressForEveryone,
  },
  dev: {
    ...shared,
    name: 'dev',
    localOnlyRoutes: false,
    labEnabled: true,
    redis: { kind: 'elasticache', maxAzs: 2, natGateways: 1 },
    throttling: { rateLimit: 500, burstLimit: 1000 },
    wsConnectsPerSecond: 100,
    website: true,
    // Operators replace the placeholder address with the team's list; the address confirms the subscription once.
    alarms: { ...alarmThresholds, email: 'ticketrush-dev-alarms@example.com' },
    abuse: {},
    wafRateLimitPer5Minutes: 3000,
  },
  prod: {
    ...shared,
    name: 'prod',
    localOnlyRoutes: false,
    labEnabled: false,
    redis: { kind: 'elasticache', maxAzs: 3, natGateways: 2 },
    logRetention: RetentionDays.THREE_MONTHS,
    // A rush is the product, but the stage stays below the account quota so pushes keep their headroom.
    throttling: prodThrottles.stage,
    methodThrottles: prodThrottles.methods,
    wsConnectsPerSecond: 400,
    website: true,
    // Operators replace the placeholders with the on-call list and the chat/paging integration's HTTPS endpoint.
    alarms: {
      ...alarmThresholds,
      // A sale sheds load with 429s by design: page only when a fifth of all answers are refusals.
      api4xxRate: 0.2,
      email: 'ticketrush-oncall@example.com',
      chatWebhookUrl: 'https://hooks.example.com/ticketrush-oncall',
    },
    capacity: {
      // Starting figures, not measured: set them from `npm run capacity` before each sale (docs/runbook.md).
      cache: { minEcpuPerSecond: 100_000, maxEcpuPerSecond: 1_000_000, minStorageGb: 1, maxStorageGb: 10 },
      tableWarmThroughput: { readUnitsPerSecond: 20_000, writeUnitsPerSecond: 10_000 },
    },
    abuse: {},
    // Generous: carrier NAT puts many fans behind one address; the application limits are per user.
    wafRateLimitPer5Minutes: 6000,
  },
};

/** Resolves `-c stage=<name>`; an unknown name fails with the list of valid ones. */
export function stageConfigFor(name: unknown): StageConfig {
  const key = (name ?? 'dev') as StageName;
  if (!stageNames.includes(key)) throw new Error(`Unknown stage "${String(name)}"; use one of ${stageNames.join(', ')}`);
  return stageConfigs[key];
}
