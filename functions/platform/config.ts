import * as z from 'zod';

/**
 * Configuration is read from the environment once, at cold start, into a typed object. A missing or malformed
 * variable fails fast with a message naming it. Each Lambda reads only the keys it needs: `readConfig(pick)`.
 */
const stage = z.string().min(1).default('local');

const schema = z.object({
  STAGE: stage,
  AWS_REGION: z.string().min(1).default('us-east-1'),
  TABLE_NAME: z.string().min(1),
  REDIS_URL: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  JOIN_QUEUE_URL: z.string().url(),
  WEBHOOK_QUEUE_URL: z.string().url(),
  HOLD_DEADLINES_STATE_MACHINE_ARN: z.string().min(1),
  /** https://{api}.execute-api.{region}.amazonaws.com/{stage} — where @connections posts go. */
  WS_MANAGEMENT_ENDPOINT: z.string().url(),
  JWT_ISSUER: z.string().min(1).default('https://ticketrush.local'),
  JWT_AUDIENCE: z.string().min(1).default('ticketrush-api'),
  /** Local: the signing key set as JSON. AWS: empty, and the set is read from JWT_KEYS_SECRET_ARN. */
  JWT_KEYS_JSON: z.string().min(1).optional(),
  JWT_KEYS_SECRET_ARN: z.string().min(1).optional(),
  WEBHOOK_SECRET: z.string().min(16),
  /** Where the webhook dispatcher POSTs signed events: in AWS the REST API's URL + /v1/payments/webhooks. */
  WEBHOOK_TARGET_URL: z.string().url(),
  /** How long the sandbox holds back the webhooks of the late-webhook test card (SQS DelaySeconds, ≤ 900). */
  WEBHOOK_LATE_DELAY_SECONDS: z.coerce.number().int().min(0).max(900).default(15),
  /** Turns the contention lab on outside the local stage. */
  LAB_ENABLED: z.enum(['true', 'false']).default('false'),
  KAKAO_AUTH_BASE_URL: z.string().url().default('https://kauth.kakao.com'),
  KAKAO_API_BASE_URL: z.string().url().default('https://kapi.kakao.com'),
  KAKAO_CLIENT_ID: z.string().min(1),
  NAVER_AUTH_BASE_URL: z.string().url().default('https://nid.naver.com'),
  NAVER_API_BASE_URL: z.string().url().default('https://openapi.naver.com'),
  NAVER_CLIENT_ID: z.string().min(1),
  NAVER_CLIENT_SECRET: z.string().min(1),
});

export type Config = z.infer<typeof schema>;
export type ConfigKey = keyof Config;

export class ConfigError extends Error {}

/** Parses the named variables from `env`; throws ConfigError naming every missing or bad one. */
export function readConfig<K extends ConfigKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Pick<Config, K> {
  const mask = Object.fromEntries(keys.map((k) => [k, true]));
  // zod cannot type a pick over a generic key set; the cast below restores the precise type.
  const result = schema.pick(mask as Record<ConfigKey, true>).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  return result.data as unknown as Pick<Config, K>;
}

/** Memoised per key set, so module scope can call it cheaply. */
const cache = new Map<string, unknown>();
export function config<K extends ConfigKey>(...keys: K[]): Pick<Config, K> {
  const id = [...keys].sort().join(',');
  if (!cache.has(id)) cache.set(id, readConfig(keys));
  return cache.get(id) as Pick<Config, K>;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cache.clear();
}
