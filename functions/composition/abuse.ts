import { dynamoAbuseAuditWriter } from '#adapters/dynamo/abuse-audit';
import { dynamoAbuseAuditReader } from '#adapters/dynamo/abuse-audit-query';
import { redisAbuseChecks } from '#adapters/redis/abuse-checks';
import { redisAbuseState } from '#adapters/redis/abuse-admin';
import { abuseConfig, abuseConfigOverrides, type AbuseConfig } from '#domain/abuse/config';
import { redis } from '#platform/clients/redis';
import { systemClock, type Clock } from '#platform/clock';
import { config, ConfigError } from '#platform/config';
import { ulids } from '#platform/ids';
import { abuseAdmin } from '#services/abuse/admin';
import { abuseGuard, type AbuseGuardDeps } from '#services/abuse/guard';
import type { AbuseAudit } from '#services/abuse/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

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

type AbusePorts = Omit<AbuseGuardDeps, 'audit'> & { audit?: AbuseAudit } & { clock: Clock };

/** The guard alone, which only writes the audit: what the guarded routes (hold, pay, cancel, auth) carry. */
export function wireAbuseGuard(p: Omit<AbusePorts, 'audit'> & { audit?: Pick<AbuseAudit, 'record'> }) {
  return abuseGuard({ ...p, audit: p.audit ?? dynamoAbuseAuditWriter(db, tableName, { retentionDays: () => p.config().auditRetentionDays }) });
}

/** Wires the guard and the admin services (blocks, limits, the audit query) to a set of ports; tests pass their own clock. */
export function wireAbuse(p: AbusePorts) {
  const retentionDays = () => p.config().auditRetentionDays;
  const audit = p.audit ?? { ...dynamoAbuseAuditWriter(db, tableName, { retentionDays }), ...dynamoAbuseAuditReader(db, tableName, { retentionDays, now: () => p.clock.now() }) };
  return { ...abuseGuard({ ...p, audit }), ...abuseAdmin({ state: p.state, audit, clock: p.clock }) };
}

export type Abuse = ReturnType<typeof wireAbuse>;

/** Parsed once per environment read: `resetConfigCache()` (tests, the paired load run) makes config() read anew. */
let parsed: { env: object; cfg: AbuseConfig } | undefined;
function currentConfig(): AbuseConfig {
  const env = config('ABUSE_CONFIG', 'ABUSE_RULES');
  if (parsed?.env !== env) parsed = { env, cfg: stageAbuseConfig(env) };
  return parsed.cfg;
}

/** The guard's real ports (Redis, the audit table) given where the join challenge's difficulty comes from. */
export const realAbusePorts = (challengeDifficulty: AbuseGuardDeps['challengeDifficulty']) => ({
  checks: redisAbuseChecks(redis),
  state: redisAbuseState(redis),
  clock: systemClock,
  ids: ulids,
  config: currentConfig,
  challengeDifficulty,
});

/**
 * The guard for hold, pay, cancel and the auth routes, built once per cold start. These actions never read the join
 * challenge's difficulty, so their bundles leave the waiting room out; the join routes use #composition/abuse-join.
 */
export const abuse = lazy(() =>
  wireAbuseGuard(
    realAbusePorts(async () => {
      throw new Error('The join challenge is read on the join routes only: use #composition/abuse-join');
    }),
  ),
);
