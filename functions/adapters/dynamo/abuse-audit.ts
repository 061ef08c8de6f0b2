import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import type { AbuseAudit } from '#services/abuse/ports';
import { abuseAuditFromItem } from './entities/abuse-audit';
import { EVENT_ENTITIES, TTL_ATTRIBUTE, gsi1, gsi2, keys } from './keys';

/** Writes the abuse audit: one item per audited attempt, expiring after the configured retention (TTL). */
export function dynamoAbuseAuditWriter(db: () => DynamoDBDocumentClient, table: () => string, opts: { retentionDays: () => number }): Pick<AbuseAudit, 'record'> {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.abuseAudit(entry.at.slice(0, 10), entry.at, entry.auditId),
            ...(entry.userId ? gsi1.abuseAuditOfUser(entry.userId, entry.at, entry.auditId) : {}),
            ...(entry.concertId ? gsi2.abuseAuditOfConcert(entry.concertId, entry.at, entry.auditId) : {}),
            entity: EVENT_ENTITIES.abuseAudit,
            ...entry,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(entry.at) / 1000) + opts.retentionDays() * 86_400,
          },
        }),
      );
    },
  };
}

/** An audit item without its keys and bookkeeping: the entry as written (the admin query and the change stream read it). */
export function abuseAuditEntryOf(item: Record<string, unknown>): AbuseAuditEntry {
  return abuseAuditFromItem(item);
}
