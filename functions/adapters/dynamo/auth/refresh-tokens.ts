import { GetCommand, TransactWriteCommand, UpdateCommand } from '#platform/clients/dynamo-commands';
import { ConditionalCheckFailedException, TransactionCanceledException } from '#platform/clients/dynamo-errors';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { epochSeconds } from '#platform/clock';
import { keys } from '#adapters/dynamo/keys';
import type { RefreshFamily, RefreshTokenRecord } from '#domain/auth/refresh-rotation';
import type { RefreshTokenStore } from '#services/auth/ports';
import { pickFields } from './item-fields';

/**
 * Refresh tokens are stored only as SHA-256 hashes: a table dump cannot be replayed. Token items expire by TTL
 * with the token; the family item lives as long as its newest token, so presenting any older token of a
 * revoked family is still recognised and refused until then.
 */
const tokenItem = (r: RefreshTokenRecord) => ({
  ...keys.refreshToken(r.tokenHash),
  entity: 'REFRESH_TOKEN',
  ...r,
  ttl: epochSeconds(new Date(r.expiresAt)),
});

const TOKEN_FIELDS = ['tokenHash', 'familyId', 'userId', 'status', 'issuedAt', 'expiresAt'] as const;
const FAMILY_FIELDS = ['familyId', 'userId', 'status', 'startedAt', 'revokedReason'] as const;

export const dynamoRefreshTokenStore: RefreshTokenStore = {
  async startFamily(family, first) {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.refreshFamily(family.familyId), entity: 'REFRESH_FAMILY', ...family, ttl: epochSeconds(new Date(first.expiresAt)) },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { Put: { TableName: tableName(), Item: tokenItem(first), ConditionExpression: 'attribute_not_exists(PK)' } },
        ],
      }),
    );
  },

  async find(tokenHash) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.refreshToken(tokenHash), ConsistentRead: true }));
    if (!Item) return {};
    const record = pickFields<RefreshTokenRecord>(Item, TOKEN_FIELDS);
    const family = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: keys.refreshFamily(record.familyId), ConsistentRead: true }),
    );
    return { record, family: family.Item ? pickFields<RefreshFamily>(family.Item, FAMILY_FIELDS) : undefined };
  },

  async rotate(oldHash, next, now) {
    const active = { ':active': 'ACTIVE' };
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: keys.refreshToken(oldHash),
                UpdateExpression: 'SET #status = :rotated, rotatedAt = :now, replacedBy = :next',
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ...active, ':rotated': 'ROTATED', ':now': now.toISOString(), ':next': next.tokenHash },
              },
            },
            {
              Update: {
                TableName: tableName(),
                Key: keys.refreshFamily(next.familyId),
                UpdateExpression: 'SET lastRotatedAt = :now, #ttl = :ttl',
                ConditionExpression: '#status = :active',
                ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
                ExpressionAttributeValues: { ...active, ':now': now.toISOString(), ':ttl': epochSeconds(new Date(next.expiresAt)) },
              },
            },
            { Put: { TableName: tableName(), Item: tokenItem(next), ConditionExpression: 'attribute_not_exists(PK)' } },
          ],
        }),
      );
      return 'rotated';
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
      return reasons.includes('ConditionalCheckFailed') ? 'spent' : 'busy';
    }
  },

  async revokeFamily(familyId, reason, now) {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: keys.refreshFamily(familyId),
          // The first reason wins: a family revoked for reuse stays marked as such after a later logout.
          UpdateExpression: 'SET #status = :revoked, revokedAt = if_not_exists(revokedAt, :now), revokedReason = if_not_exists(revokedReason, :reason)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':revoked': 'REVOKED', ':now': now.toISOString(), ':reason': reason },
        }),
      );
    } catch (e) {
      // Already gone by TTL: nothing left to revoke.
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  },
};

