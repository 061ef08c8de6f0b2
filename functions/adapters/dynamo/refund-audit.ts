import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { validationFailed } from '#domain/errors';
import type { RefundAudit, RefundAuditEntry } from '#services/reservations/ports';
import { gsi1, keys } from './keys';

const KIND = 'REFUND';
const PARTITION = keys.audit(KIND, '', '').PK;

/** Refund overrides under AUDIT#REFUND, sorted by time; also findable by the reservation owner through GSI1. */
export function dynamoRefundAudit(db: () => DynamoDBDocumentClient, table: () => string): RefundAudit {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: { ...keys.audit(KIND, entry.at, entry.auditId), ...gsi1.auditOfUser(entry.userId, entry.at, entry.auditId), kind: KIND, ...entry },
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
        items: (res.Items ?? []).map(toEntry),
        nextCursor: res.LastEvaluatedKey ? Buffer.from(JSON.stringify({ SK: res.LastEvaluatedKey.SK })).toString('base64url') : null,
      };
    },
  };
}

function toEntry(item: Record<string, unknown>): RefundAuditEntry {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, kind: _kind, ...entry } = item;
  return entry as unknown as RefundAuditEntry;
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
