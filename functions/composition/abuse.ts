import { dynamoAbuseAuditWriter } from '#adapters/dynamo/abuse-audit';
import { dynamoAbuseAuditReader } from '#adapters/dynamo/abuse-audit-query';
import { redisAuditBuffer } from '#adapters/redis/abuse-audit-buffer';
import { redisAbuseChecks } from '#adapters/redis/abuse-checks';
import { redisAbuseState } from '#adapters/redis/abuse-admin';
import { abuseConfig, abuseConfigOverrides, type AbuseConfig } from '#domain/abuse/config';
import { redis } from '#platform/clients/redis';
import { systemClock, type Clock } from '#platform/clock';
import { config, ConfigError } from '#platform/config';
import { ulids } from '#platform/ids';
import { abuseAdmin } from '#services/abuse/admin';
import { batchedAudit } from '#services/abuse/audit-batches';
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

/** Shards of the audit buffer: a flush writes a busy sale's rows in parallel. */
const AUDIT_BUFFER_SHARDS = 8;

type AuditPorts = {
  /** The audit table (default: DynamoDB); the guard writes it through the Redis buffer. */
  auditStore?: Pick<AbuseAudit, 'record' | 'recordMany'>;
  /** What the guard writes its rows to, when a test replaces the buffered writer. */
  audit?: Pick<AbuseAudit, 'record'>;
};
type AbusePorts = Omit<AbuseGuardDeps, 'audit'> & AuditPorts & { clock: Clock };

/** The audit table's writer behind the Redis buffer that every audited attempt goes through. */
function auditWriters(p: Pick<AbusePorts, 'config'> & AuditPorts) {
  const store = p.auditStore ?? dynamoAbuseAuditWriter(db, tableName, { retentionDays: () => p.config().auditRetentionDays });
  const batched = batchedAudit({ buffer: redisAuditBuffer(redis, { shards: AUDIT_BUFFER_SHARDS }), store });
  return { batched, guarded: p.audit ?? batched };
}

/** The guard alone, which only writes the audit: what the guarded routes (hold, pay, cancel, auth) carry. */
export function wireAbuseGuard(p: AbusePorts) {
  return abuseGuard({ ...p, audit: auditWriters(p).guarded });
}

/** Wires the guard and the admin services (blocks, limits, the audit query) to a set of ports; tests pass their own clock. */
export function wireAbuse(p: AbusePorts & { auditQuery?: Pick<AbuseAudit, 'query'> }) {
  const { batched, guarded } = auditWriters(p);
  const query = p.auditQuery ?? dynamoAbuseAuditReader(db, tableName, { retentionDays: () => p.config().auditRetentionDays, now: () => p.clock.now() });
  return { ...abuseGuard({ ...p, audit: guarded }), ...abuseAdmin({ state: p.state, audit: query, pendingAudit: batched, clock: p.clock }) };
}

/** The buffered audit rows' writer alone: the minute's sweep. */
export const pendingAbuseAudit = lazy(() => auditWriters({ config: currentConfig }).batched);

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
