import { ConditionalCheckFailedException } from '#platform/clients/dynamo-errors';
import { DeleteCommand, PutCommand, UpdateCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import { epochSeconds } from '#platform/clock';
import type { ClaimResult, WebhookEventLog } from '#services/payments/ports';
import { keys } from './keys';
import { webhookClaimItem } from './entities/webhook-event';

/** A claim not completed within this long (the receiver died mid-way) may be taken over by a retry. */
const CLAIM_LEASE_SECONDS = 60;
/** Longer than SQS keeps a message (14 days), so no redelivery can outlive its record. */
const RECORD_TTL_SECONDS = 15 * 24 * 3600;

/** Each webhook eventId once (keys.webhookEvent): a conditional put claims it, a TTL forgets it. */
export function dynamoWebhookEventLog(db: () => DynamoClient, table: () => string): WebhookEventLog {
  return {
    async claim(eventId: string, now: Date): Promise<ClaimResult> {
      const nowSeconds = epochSeconds(now);
      try {
        await db().send(
          new PutCommand({
            TableName: table(),
            Item: webhookClaimItem(eventId, now, { leaseSeconds: CLAIM_LEASE_SECONDS, recordTtlSeconds: RECORD_TTL_SECONDS }),
            ConditionExpression: 'attribute_not_exists(PK) OR (#state = :processing AND claimedUntil < :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':processing': 'PROCESSING', ':now': nowSeconds },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return error.Item?.state === 'DONE' ? 'duplicate' : 'in-progress';
      }
    },

    async complete(eventId: string, outcome: string): Promise<void> {
      await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.webhookEvent(eventId),
          UpdateExpression: 'SET #state = :done, outcome = :outcome REMOVE claimedUntil',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':done': 'DONE', ':outcome': outcome },
        }),
      );
    },

    async release(eventId: string): Promise<void> {
      try {
        await db().send(
          new DeleteCommand({
            TableName: table(),
            Key: keys.webhookEvent(eventId),
            ConditionExpression: '#state = :processing',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':processing': 'PROCESSING' },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
