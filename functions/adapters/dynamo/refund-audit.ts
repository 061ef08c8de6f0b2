import { PutCommand, QueryCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import { validationFailed } from '#domain/errors';
import type { RefundAudit } from '#services/reservations/ports';
import { auditPartition, REFUND_AUDIT_KIND, refundAuditFromItem, refundAuditToItem } from './entities/audit-entry';

const PARTITION = auditPartition(REFUND_AUDIT_KIND);

/** Refund overrides under AUDIT#REFUND, sorted by time; also findable by the reservation owner through GSI1. */
export function dynamoRefundAudit(db: () => DynamoClient, table: () => string): RefundAudit {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: refundAuditToItem(entry),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async list({ limit, cursor }) {
      const res = await db().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: cursor ? decodeCursor(cursor) : undefined,
        }),
      );
      return {
        items: (res.Items ?? []).map(refundAuditFromItem),
        nextCursor: res.LastEvaluatedKey ? Buffer.from(JSON.stringify({ SK: res.LastEvaluatedKey.SK })).toString('base64url') : null,
      };
    },
  };
}

function decodeCursor(cursor: string): Record<string, string> {
  try {
    const { SK } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { SK?: unknown };
    if (typeof SK === 'string' && SK.length > 0) return { PK: PARTITION, SK };
  } catch {
    // falls through to the validation error
  }
  throw validationFailed([{ in: 'query', path: 'cursor', message: 'is not a cursor this list returned' }]);
}
