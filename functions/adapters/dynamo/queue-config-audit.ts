import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueueConfigAudit, QueueConfigAuditEntry } from '#services/waiting-room/ports';
import { gsi1, keys } from './keys';

const kindOf = (concertId: string) => `QUEUE_CONFIG#${concertId}`;

/** Queue-config changes under AUDIT#QUEUE_CONFIG#<concertId>, sorted by time; also findable by the admin through GSI1. */
export function dynamoQueueConfigAudit(db: () => DynamoDBDocumentClient, table: () => string): QueueConfigAudit {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: { ...keys.audit(kindOf(entry.concertId), entry.at, entry.auditId), ...gsi1.auditOfUser(entry.userId, entry.at, entry.auditId), kind: 'QUEUE_CONFIG', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async list(concertId, limit) {
      const res = await db().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.audit(kindOf(concertId), '', '').PK },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (res.Items ?? []).map(({ PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, kind: _kind, ...entry }) => entry as unknown as QueueConfigAuditEntry);
    },
  };
}
