import { PutCommand, QueryCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { QueueConfigAudit } from '#services/waiting-room/ports';
import { auditPartition, queueConfigAuditFromItem, queueConfigAuditKind, queueConfigAuditToItem } from './entities/audit-entry';

/** Queue-config changes under AUDIT#QUEUE_CONFIG#<concertId>, sorted by time; also findable by the admin through GSI1. */
export function dynamoQueueConfigAudit(db: () => DynamoClient, table: () => string): QueueConfigAudit {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: queueConfigAuditToItem(entry),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async list(concertId, limit) {
      const res = await db().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': auditPartition(queueConfigAuditKind(concertId)) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map(queueConfigAuditFromItem);
    },
  };
}
