/**
 * The one table of needs. A route, queue consumer, rule target, schedule or state-machine task lists the needs it
 * uses; this table says, once per need, which environment variables carry it and what it may do with the resource.
 * CDK (lib/constructs/lambda-function.ts `bind`) grants and configures from it, the local cloud (local/needs-env.ts)
 * hides from each invocation every variable of a need the function did not declare, and
 * test/integration/needs/declared-env.test.ts loads every handler under exactly its declared variables.
 *
 * Secrets travel by ARN only: the variable holds the secret's ARN and the function reads the value at run time
 * (functions/platform/secrets.ts, cached with a deadline). `localValueEnv` names the variable that carries the value
 * itself where there is no Secrets Manager (the local cloud and in-process tests); CDK never sets it.
 */
export interface NeedDefinition {
  /** Variables CDK sets and the handler reads. */
  readonly env: readonly string[];
  /** What the function's role may do, in words (the grant in lambda-function.ts implements exactly this). */
  readonly grant: string;
  /** Local/test stand-ins for a secret's value, owned by this need like its ARN variable. @default [] */
  readonly localValueEnv?: readonly string[];
}

export const NEEDS = {
  /** The single table, read only: GetItem, Query, Scan, BatchGetItem, on the table and its indexes. */
  tableRead: { env: ['TABLE_NAME'], grant: 'dynamodb read actions on the table and its indexes' },
  /** The single table, read and write. */
  table: { env: ['TABLE_NAME'], grant: 'dynamodb read and write actions on the table and its indexes' },
  redis: { env: ['REDIS_URL'], grant: 'placement in the cache VPC with the client security group' },
  events: { env: ['EVENT_BUS_NAME'], grant: 'events:PutEvents on the bus' },
  joinQueue: { env: ['JOIN_QUEUE_URL'], grant: 'sqs:SendMessage on the join queue' },
  webhookQueue: { env: ['WEBHOOK_QUEUE_URL'], grant: 'sqs:SendMessage on the webhook queue' },
  seatFanOutQueue: { env: ['SEAT_FAN_OUT_QUEUE_URL'], grant: 'sqs:SendMessage on the seat fan-out queue' },
  holdDeadlines: { env: ['HOLD_DEADLINES_STATE_MACHINE_ARN'], grant: 'states:StartExecution, and Stop/DescribeExecution on its executions' },
  connections: { env: ['WS_MANAGEMENT_ENDPOINT'], grant: 'execute-api:ManageConnections (POST/DELETE) on the stage' },
  /** Verifies JWTs: the public key set only (JWKs without `d`), written by the rotation worker beside the private set. */
  jwtVerify: {
    env: ['JWT_PUBLIC_KEYS_SECRET_ARN'],
    grant: 'secretsmanager:GetSecretValue on the public key set',
    localValueEnv: ['JWT_PUBLIC_KEYS_JSON'],
  },
  /** Signs JWTs (and verifies): the private key set and the public one. */
  jwtKeys: {
    env: ['JWT_KEYS_SECRET_ARN', 'JWT_PUBLIC_KEYS_SECRET_ARN'],
    grant: 'secretsmanager:GetSecretValue on the private and the public key sets',
    localValueEnv: ['JWT_KEYS_JSON', 'JWT_PUBLIC_KEYS_JSON'],
  },
  /** The rotation worker adds, activates and retires keys in both sets. */
  jwtKeyRotation: {
    env: ['JWT_KEYS_SECRET_ARN', 'JWT_PUBLIC_KEYS_SECRET_ARN'],
    grant: 'secretsmanager read and PutSecretValue on the private and the public key sets',
  },
  webhookSecret: { env: ['WEBHOOK_SECRET_ARN'], grant: 'secretsmanager:GetSecretValue on the webhook HMAC secret', localValueEnv: ['WEBHOOK_SECRET'] },
  /** `{ kakaoClientId, naverClientId, naverClientSecret }`; the providers' base URLs are plain settings with defaults. */
  oauth: { env: ['OAUTH_SECRET_ARN'], grant: 'secretsmanager:GetSecretValue on the OAuth client settings', localValueEnv: ['OAUTH_CLIENTS_JSON'] },
  /** The REST API's own `/v1/payments/webhooks`, where the payment sandbox posts its webhooks. */
  webhookTarget: { env: ['WEBHOOK_TARGET_URL'], grant: 'none' },
  /** Read-only probes of the health check beyond its other needs. */
  healthProbes: { env: [], grant: 'sqs:ListQueues (accepts only *)' },
  /** Switches the armed schedule's rule (the admission loop). */
  admissionLoop: { env: ['ADMISSION_LOOP_RULE_NAME'], grant: 'events:EnableRule/DisableRule on that rule' },
} as const satisfies Record<string, NeedDefinition>;

/** What a function touches; CDK grants exactly these and sets their environment variables. */
export type Need = keyof typeof NEEDS;

/** Every variable some need owns: the local cloud hides those of undeclared needs. */
export const NEED_OWNED_ENV: ReadonlySet<string> = new Set(
  Object.values(NEEDS).flatMap((d: NeedDefinition) => [...d.env, ...(d.localValueEnv ?? [])]),
);

/** The variables `needs` give a function: the ARNs and names CDK sets, and locally the secrets' stand-in values. */
export function envOfNeeds(needs: readonly Need[], o: { local?: boolean } = {}): Set<string> {
  return new Set(
    needs.flatMap((n) => {
      const d: NeedDefinition = NEEDS[n];
      return [...d.env, ...(o.local ? (d.localValueEnv ?? []) : [])];
    }),
  );
}

/** Lambda's defaults where a declaration says nothing: API-facing functions answer within API Gateway's 29 s. */
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_MEMORY_MB = 512;

/** Size and time budget of one function, declared beside its needs. */
export interface FunctionBudget {
  /** @default DEFAULT_TIMEOUT_SECONDS */
  readonly timeoutSeconds?: number;
  /** @default DEFAULT_MEMORY_MB */
  readonly memoryMb?: number;
}
