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
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  /** Origins allowed by CORS on the REST API. */
  readonly corsOrigins: readonly string[];
  /** Deploys the WebSocket API. LocalStack's free tier has no API Gateway v2; there pushes have no endpoint. */
  readonly webSocketApi: boolean;
  /** Serves web/ from S3 + CloudFront (when the folder exists). LocalStack's free tier has no CloudFront. */
  readonly website: boolean;
  /** How long a message may wait in a DLQ before SQS drops it. */
  readonly dlqRetention: Duration;
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
} as const;

export const stageConfigs: Record<StageName, StageConfig> = {
  local: {
    ...shared,
    name: 'local',
    localOnlyRoutes: true,
    labEnabled: true,
    redis: { kind: 'external', url: 'redis://127.0.0.1:6379' },
    logRetention: RetentionDays.ONE_WEEK,
    throttling: { rateLimit: 1000, burstLimit: 2000 },
    website: false,
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
    webSocketApi: false,
    website: false,
    abuse: oneAddressForEveryone,
  },
  dev: {
    ...shared,
    name: 'dev',
    localOnlyRoutes: false,
    labEnabled: true,
    redis: { kind: 'elasticache', maxAzs: 2, natGateways: 1 },
    throttling: { rateLimit: 500, burstLimit: 1000 },
    website: true,
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
    // A rush is the product: API Gateway's account default is 10k rps; the waiting room sheds the rest.
    throttling: { rateLimit: 10_000, burstLimit: 5_000 },
    website: true,
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
