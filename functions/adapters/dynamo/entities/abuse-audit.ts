import * as z from 'zod/mini';
import { ABUSE_ACTIONS, ABUSE_RULES } from '#domain/abuse/rules';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import { EVENT_ENTITIES, TTL_ATTRIBUTE, gsi1, gsi2, keys } from '../keys';
import { recordOf, schemaOnce } from './item';

/**
 * The abuse audit item (`keys.abuseAudit`, by day and shard; GSI1 `gsi1.abuseAuditOfUser`; GSI2
 * `gsi2.abuseAuditOfConcert`), expiring through `ttl`. Written by functions/adapters/dynamo/abuse-audit.ts.
 */
const STORAGE = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', TTL_ATTRIBUTE, 'entity'] as const;

export const abuseAuditRecord = /* @__PURE__ */ schemaOnce(() =>
  z.looseObject({
    auditId: z.string(),
    action: z.enum(ABUSE_ACTIONS),
    result: z.enum(['ALLOWED', 'BLOCKED']),
    rule: z.optional(z.enum(ABUSE_RULES)),
    userId: z.optional(z.string()),
    concertId: z.optional(z.string()),
    deviceId: z.optional(z.string()),
    clientAddress: z.string(),
    requestId: z.string(),
    at: z.string(),
    retryAfterSeconds: z.optional(z.number()),
  }),
);

export const abuseAuditFromItem = (item: Record<string, unknown>): AbuseAuditEntry => recordOf('abuse audit', abuseAuditRecord, item, STORAGE);

/** The item of an entry: by day and shard, by user, by concert; expiring `retentionDays` after its `at`. */
export const abuseAuditToItem = (entry: AbuseAuditEntry, retentionDays: number) => ({
  ...keys.abuseAudit(entry.at.slice(0, 10), entry.at, entry.auditId),
  ...(entry.userId ? gsi1.abuseAuditOfUser(entry.userId, entry.at, entry.auditId) : {}),
  ...(entry.concertId ? gsi2.abuseAuditOfConcert(entry.concertId, entry.at, entry.auditId) : {}),
  entity: EVENT_ENTITIES.abuseAudit,
  ...entry,
  [TTL_ATTRIBUTE]: Math.floor(Date.parse(entry.at) / 1000) + retentionDays * 86_400,
});
