import { GetCommand, TransactWriteCommand, UpdateCommand } from '#platform/clients/dynamo-commands';
import { TransactionCanceledException } from '#platform/clients/dynamo-errors';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { keys } from '#adapters/dynamo/keys';
import type { Role, Tier } from '#domain/identity';
import type { User } from '#domain/auth/users';
import type { UserStore } from '#services/auth/ports';
import { pickFields } from './item-fields';

const USER_FIELDS = ['userId', 'nickname', 'role', 'tier', 'providers', 'createdAt'] as const;

const toUser = (item: Record<string, unknown>): User => pickFields<User>(item, USER_FIELDS);

export const dynamoUserStore: UserStore = {
  async get(userId) {
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.user(userId) }));
    return Item ? toUser(Item) : undefined;
  },

  async findUserIdByIdentity(provider, providerUserId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: tableName(), Key: keys.identity(provider, providerUserId), ConsistentRead: true }),
    );
    return Item?.userId as string | undefined;
  },

  async createWithIdentity(user, { provider, providerUserId }) {
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...keys.user(user.userId), entity: 'USER', ...user, updatedAt: user.createdAt },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...keys.identity(provider, providerUserId), entity: 'IDENTITY', provider, providerUserId, userId: user.userId, createdAt: user.createdAt },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      );
      return user.userId;
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      // The identity was linked by a concurrent first login; that user is the account.
      const winner = await dynamoUserStore.findUserIdByIdentity(provider, providerUserId);
      if (!winner) throw e;
      return winner;
    }
  },

  async updateRoleAndTier(userId: string, role: Role, tier: Tier, now: Date) {
    const { Attributes } = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.user(userId),
        UpdateExpression: 'SET #role = :role, tier = :tier, updatedAt = :now',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': role, ':tier': tier, ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toUser(Attributes ?? {});
  },
};
