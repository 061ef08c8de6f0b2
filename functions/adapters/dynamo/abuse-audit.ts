import { PutCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { AbuseAuditEntry } from '#domain/abuse/audit';
import type { AbuseAudit } from '#services/abuse/ports';
import { batchWrite, putRequest } from './catalog/batch-write';
import { abuseAuditFromItem, abuseAuditToItem } from './entities/abuse-audit';

/** Writes the abuse audit: one item per audited attempt, expiring after the configured retention (TTL). */
export function dynamoAbuseAuditWriter(db: () => DynamoClient, table: () => string, opts: { retentionDays: () => number }): Pick<AbuseAudit, 'record' | 'recordMany'> {
  const itemOf = (entry: AbuseAuditEntry) => abuseAuditToItem(entry, opts.retentionDays());
  return {
    async record(entry) {
      await db().send(new PutCommand({ TableName: table(), Item: itemOf(entry) }));
    },
    async recordMany(entries) {
      await batchWrite(db, table, entries.map((e) => putRequest(itemOf(e))));
    },
  };
}

/** An audit item without its keys and bookkeeping: the entry as written (the admin query and the change stream read it). */
export function abuseAuditEntryOf(item: Record<string, unknown>): AbuseAuditEntry {
  return abuseAuditFromItem(item);
}
