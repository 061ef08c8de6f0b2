import { GetCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { SalesPolicyStore } from '#services/reservations/ports';
import { keys } from './keys';
import { OPTIONAL_POLICY_FIELDS, salesPolicyFromItem, salesPolicyKey } from './entities/sales-policy';

export function dynamoSalesPolicyStore(db: () => DynamoClient, table: () => string): SalesPolicyStore {
  return {
    async get(concertId) {
      const res = await db().send(new GetCommand({ TableName: table(), Key: salesPolicyKey(concertId), ConsistentRead: true }));
      return res.Item ? salesPolicyFromItem(res.Item) : undefined;
    },
    async put(concertId, input, at) {
      // A replacement: optional presale fields absent from the input are removed, and the version moves on.
      const values: Record<string, unknown> = { ...input, updatedAt: at.toISOString(), concertId };
      const set = Object.entries(values).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));
      const remove = OPTIONAL_POLICY_FIELDS.filter((k) => !set.some(([name]) => name === k));
      const res = await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: salesPolicyKey(concertId),
          UpdateExpression: [
            `SET ${set.map(([k]) => `#${k} = :${k}`).join(', ')}`,
            remove.length ? `REMOVE ${remove.map((k) => `#${k}`).join(', ')}` : '',
            'ADD version :one',
          ].join(' '),
          ExpressionAttributeNames: Object.fromEntries([...set.map(([k]) => k), ...remove].map((k) => [`#${k}`, k])),
          ExpressionAttributeValues: { ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])), ':one': 1 },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return salesPolicyFromItem(res.Attributes ?? {});
    },
    async concertExists(concertId) {
      const res = await db().send(new GetCommand({ TableName: table(), Key: keys.concert(concertId), ProjectionExpression: 'PK' }));
      return res.Item !== undefined;
    },
  };
}
