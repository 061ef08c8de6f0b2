import * as z from 'zod/mini';
import './zod-locale';

/**
 * Configuration is read from the environment once, at cold start, into a typed object. A missing or malformed
 * variable fails fast with a message naming it. Each Lambda reads only the keys it needs: `readConfig(pick)`.
 */
const nonEmpty = () => z.string().check(z.minLength(1));
const stage = z._default(nonEmpty(), 'local');

const schema = z.object({
  STAGE: stage,
  AWS_REGION: z._default(nonEmpty(), 'us-east-1'),
  TABLE_NAME: nonEmpty(),
  REDIS_URL: nonEmpty(),
  EVENT_BUS_NAME: nonEmpty(),
  JOIN_QUEUE_URL: z.url(),
  WEBHOOK_QUEUE_URL: z.url(),
  SEAT_FAN_OUT_QUEUE_URL: z.url(),
  HOLD_DEADLINES_STATE_MACHINE_ARN: nonEmpty(),
  /** https://{api}.execute-api.{region}.amazonaws.com/{stage} — where @connections posts go. */
  WS_MANAGEMENT_ENDPOINT: z.url(),
  JWT_ISSUER: z._default(nonEmpty(), 'https://ticketrush.local'),
  JWT_AUDIENCE: z._default(nonEmpty(), 'ticketrush-api'),
  /**
   * Secrets by ARN (read at run time by ./secrets.ts). The `*_JSON` / WEBHOOK_SECRET value variables stand in for
   * them where there is no Secrets Manager (the local cloud, in-process tests); CDK never sets those.
   */
  JWT_KEYS_SECRET_ARN: z.optional(nonEmpty()),
  JWT_KEYS_JSON: z.optional(nonEmpty()),
  JWT_PUBLIC_KEYS_SECRET_ARN: z.optional(nonEmpty()),
  JWT_PUBLIC_KEYS_JSON: z.optional(nonEmpty()),
  WEBHOOK_SECRET_ARN: z.optional(nonEmpty()),
  WEBHOOK_SECRET: z.optional(z.string().check(z.minLength(16))),
  /** `{ kakaoClientId, naverClientId, naverClientSecret }`. */
  OAUTH_SECRET_ARN: z.optional(nonEmpty()),
  OAUTH_CLIENTS_JSON: z.optional(nonEmpty()),
  /** Where the webhook dispatcher POSTs signed events: in AWS the REST API's URL + /v1/payments/webhooks. */
  WEBHOOK_TARGET_URL: z.url(),
  /** How long the sandbox holds back the webhooks of the late-webhook test card (SQS DelaySeconds, ≤ 900). */
  WEBHOOK_LATE_DELAY_SECONDS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(900)), 15),
  /** The stage's WebSocket connect budget per second (lib/stage-config.ts `wsConnectsPerSecond`). */
  WS_CONNECTS_PER_SECOND: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 100),
  /** The admission loop's schedule rule, enabled and disabled by the waiting room (absent: the loop is always on). */
  ADMISSION_LOOP_RULE_NAME: z.optional(nonEmpty()),
  /**
   * `once`: each invocation of the admission loop ticks once — where its schedule fires every second (the local
   * cloud), instead of once a minute with the invocation ticking through its minute (AWS).
   */
  ADMISSION_LOOP_TICKS: z._default(z.enum(['minute', 'once']), 'minute'),
  /** Turns the contention lab on outside the local stage. */
  LAB_ENABLED: z._default(z.enum(['true', 'false']), 'false'),
  KAKAO_AUTH_BASE_URL: z._default(z.url(), 'https://kauth.kakao.com'),
  KAKAO_API_BASE_URL: z._default(z.url(), 'https://kapi.kakao.com'),
  NAVER_AUTH_BASE_URL: z._default(z.url(), 'https://nid.naver.com'),
  NAVER_API_BASE_URL: z._default(z.url(), 'https://openapi.naver.com'),
  /** The stage's abuse-rule and rate-limit overrides, JSON (functions/domain/abuse/config.ts). */
  ABUSE_CONFIG: z._default(z.string(), '{}'),
  /** `off` switches the abuse rules and rate limits off (the paired benchmark runs); on everywhere else. */
  ABUSE_RULES: z._default(z.enum(['on', 'off']), 'on'),
  /** Key of the client-address hash in the abuse audit and Redis; a per-stage value keeps stages' hashes apart. */
  ABUSE_ADDRESS_KEY: z._default(nonEmpty(), 'ticketrush-abuse'),
  /** The stage's `corsOrigins`, comma-separated; `*` (the local stage) allows any origin. */
  CORS_ORIGINS: z._default(nonEmpty(), '*'),
});

export type Config = z.infer<typeof schema>;
export type ConfigKey = keyof Config;

export class ConfigError extends Error {}

/** Parses the named variables from `env`; throws ConfigError naming every missing or bad one. */
export function readConfig<K extends ConfigKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Pick<Config, K> {
  const mask = Object.fromEntries(keys.map((k) => [k, true]));
  // zod cannot type a pick over a generic key set; the cast below restores the precise type.
  const result = z.pick(schema, mask as Record<ConfigKey, true>).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration — ${problems}`);
  }
  return result.data as unknown as Pick<Config, K>;
}

/**
 * An environment may name the scope it belongs to under this symbol. The local cloud runs every function in one
 * process and gives each invocation a view of process.env limited to its declared needs (local/needs-env.ts); the
 * memo below is kept per view, so one function's parsed config never answers for another that lacks the need.
 */
export const ENV_SCOPE = Symbol.for('ticketrush.env-scope');

/** Memoised per key set (and per environment scope), so module scope and hot paths can call it cheaply. */
const UNSCOPED = {};
let caches = new WeakMap<object, Map<string, unknown>>();
export function config<K extends ConfigKey>(...keys: K[]): Pick<Config, K> {
  const env = process.env as NodeJS.ProcessEnv & { [ENV_SCOPE]?: object };
  const scope = env[ENV_SCOPE] ?? UNSCOPED;
  let cache = caches.get(scope);
  if (!cache) caches.set(scope, (cache = new Map()));
  const id = [...keys].sort().join(',');
  if (!cache.has(id)) cache.set(id, readConfig(keys));
  return cache.get(id) as Pick<Config, K>;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  caches = new WeakMap();
}
