import { DeleteCommand, PutCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { IdempotencyStore, StoredResponse } from '#services/idempotency';
import { isConditionalCheckFailed } from './cancellation-reasons';
import { keys, TTL_ATTRIBUTE } from './keys';

/**
 * One item per (scope, key). `begin` is a conditional put of an IN_PROGRESS marker, so two first requests with
 * the same key cannot both run; a marker whose lease lapsed (its invocation's deadline passed) may be taken over.
 */
export function dynamoIdempotencyStore(db: () => DynamoClient, table: () => string): IdempotencyStore {
  return {
    async begin({ scope, key, fingerprint, now, leaseUntilMs, ttlSeconds }) {
      const nowEpoch = Math.floor(now.getTime() / 1000);
      try {
        await db().send(
          new PutCommand({
            TableName: table(),
            Item: { ...keys.idempotency(scope, key), state: 'IN_PROGRESS', fingerprint, leaseUntilMs, [TTL_ATTRIBUTE]: nowEpoch + ttlSeconds },
            ConditionExpression: 'attribute_not_exists(PK) OR #ttl < :now OR (#state = :inProgress AND leaseUntilMs < :nowMs)',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE, '#state': 'state' },
            ExpressionAttributeValues: { ':now': nowEpoch, ':nowMs': now.getTime(), ':inProgress': 'IN_PROGRESS' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return { state: 'STARTED' };
      } catch (e) {
        if (!isConditionalCheckFailed(e)) throw e;
        const old = e.Item ?? {};
        const base = { fingerprint: String(old.fingerprint) };
        return old.state === 'COMPLETED'
          ? { state: 'COMPLETED', ...base, response: old.response as StoredResponse }
          : { state: 'IN_PROGRESS', ...base };
      }
    },
    async complete({ scope, key, response }) {
      await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.idempotency(scope, key),
          UpdateExpression: 'SET #state = :completed, #response = :response REMOVE leaseUntilMs',
          ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
          ExpressionAttributeValues: { ':completed': 'COMPLETED', ':response': response },
        }),
      );
    },
    async abandon({ scope, key }) {
      await db().send(
        new DeleteCommand({
          TableName: table(),
          Key: keys.idempotency(scope, key),
          ConditionExpression: '#state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS' },
        }),
      ).catch((e) => {
        if (!isConditionalCheckFailed(e)) throw e;
      });
    },
  };
}
