import { ConditionalCheckFailedException } from '#platform/clients/dynamo-errors';
import { GetCommand, PutCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { IntentStatus } from '#domain/payments/payment-intent';
import type { IntentChange, PaymentIntentStore, StoredIntent } from '#services/payments/ports';
import { keys } from './keys';
import { paymentIntentFromItem, paymentIntentToItem } from './entities/payment-intent';

/** Payment intents, one item each (keys.paymentIntent), findable by reservation through GSI1. */
export function dynamoPaymentIntents(db: () => DynamoClient, table: () => string): PaymentIntentStore {
  async function conditionalUpdate(
    intentId: string,
    update: string,
    condition: string,
    names: Record<string, string> | undefined,
    values: Record<string, unknown>,
  ): Promise<StoredIntent | 'conflict'> {
    try {
      const out = await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.paymentIntent(intentId),
          UpdateExpression: update,
          ConditionExpression: `attribute_exists(PK) AND ${condition}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return paymentIntentFromItem(out.Attributes ?? {});
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'conflict';
      throw error;
    }
  }

  return {
    async create(intent: StoredIntent): Promise<void> {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: paymentIntentToItem(intent),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async get(intentId: string): Promise<StoredIntent | undefined> {
      const got = await db().send(new GetCommand({ TableName: table(), Key: keys.paymentIntent(intentId), ConsistentRead: true }));
      return got.Item && paymentIntentFromItem(got.Item);
    },

    async transition(intentId: string, from: IntentStatus, change: IntentChange): Promise<StoredIntent | 'conflict'> {
      const set = ['#status = :to', 'updatedAt = :at', 'events = list_append(events, :events)'];
      const values: Record<string, unknown> = { ':from': from, ':to': change.to, ':at': change.at, ':events': change.events };
      if (change.card) {
        set.push('card = :card');
        values[':card'] = change.card;
      }
      if (change.failureReason) {
        set.push('failureReason = :failureReason');
        values[':failureReason'] = change.failureReason;
      }
      return conditionalUpdate(intentId, `SET ${set.join(', ')}`, '#status = :from', { '#status': 'status' }, values);
    },

    async advanceWebhookStatus(intentId: string, from: IntentStatus, to: IntentStatus, at: string): Promise<boolean> {
      const result = await conditionalUpdate(intentId, 'SET webhookStatus = :to, webhookUpdatedAt = :at', 'webhookStatus = :from', undefined, {
        ':from': from,
        ':to': to,
        ':at': at,
      });
      return result !== 'conflict';
    },
  };
}
