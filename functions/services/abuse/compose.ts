import { dynamoAbuseAudit } from '#adapters/dynamo/abuse-audit';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { redisAbuseChecks } from '#adapters/redis/abuse-checks';
import { redisAbuseState } from '#adapters/redis/abuse-admin';
import { abuseConfig, abuseConfigOverrides, type AbuseConfig } from '#domain/abuse/config';
import { dynamo, eventBridge, redis, tableName } from '#platform/clients';
import { systemClock, type Clock } from '#platform/clock';
import { config, ConfigError } from '#platform/config';
import { ulids } from '#platform/ids';
import { waitingRoom } from '#services/waiting-room/compose';
import { abuseAdmin } from './admin';
import { abuseGuard, type AbuseGuardDeps } from './guard';

/** The stage's thresholds: the defaults with ABUSE_CONFIG merged in, switched off by ABUSE_RULES=off. */
export function stageAbuseConfig(env: { ABUSE_CONFIG: string; ABUSE_RULES: 'on' | 'off' }): AbuseConfig {
  let json: unknown;
  try {
    json = JSON.parse(env.ABUSE_CONFIG);
  } catch {
    throw new ConfigError('Invalid configuration — ABUSE_CONFIG: not JSON');
  }
  const parsed = abuseConfigOverrides.safeParse(json);
  if (!parsed.success) throw new ConfigError(`Invalid configuration — ABUSE_CONFIG: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const cfg = abuseConfig(parsed.data);
  return env.ABUSE_RULES === 'off' ? { ...cfg, enabled: false } : cfg;
}

/** Wires the guard and the admin services to a set of ports; tests pass their own clock. */
export function wireAbuse(p: Omit<AbuseGuardDeps, 'audit'> & { audit?: AbuseGuardDeps['audit'] } & { clock: Clock }) {
  const audit = p.audit ?? dynamoAbuseAudit(dynamo, tableName, { retentionDays: () => p.config().auditRetentionDays, now: () => p.clock.now() });
  return { ...abuseGuard({ ...p, audit }), ...abuseAdmin({ state: p.state, audit, clock: p.clock }) };
}

export type Abuse = ReturnType<typeof wireAbuse>;

let instance: Abuse | undefined;
/** Parsed once per environment read: `resetConfigCache()` (tests, the paired load run) makes config() read anew. */
let parsed: { env: object; cfg: AbuseConfig } | undefined;
function currentConfig(): AbuseConfig {
  const env = config('ABUSE_CONFIG', 'ABUSE_RULES');
  if (parsed?.env !== env) parsed = { env, cfg: stageAbuseConfig(env) };
  return parsed.cfg;
}
/** The composition root for handlers: built once per cold start. */
export const abuse = (): Abuse =>
  (instance ??= wireAbuse({
    checks: redisAbuseChecks(redis),
    state: redisAbuseState(redis),
    events: eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME),
    clock: systemClock,
    ids: ulids,
    config: currentConfig,
    challengeDifficulty: async (concertId) => (await waitingRoom().settings.config(concertId)).challengeDifficulty ?? 0,
  }));
