import { GetCommand, PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { keys } from '#adapters/dynamo/keys';
import type { AccessDenylist } from '#services/auth/ports';

/**
 * Logged-out access tokens, by jti, until they would have expired anyway. TTL deletion is lazy, but a jti
 * outlived by its item is harmless: the token itself is already refused as expired.
 */
export const dynamoAccessDenylist: AccessDenylist = {
  async deny(jti, userId, expiresAtEpochSeconds) {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.deniedJti(jti), entity: 'DENIED_JTI', jti, userId, ttl: expiresAtEpochSeconds },
      }),
    );
  },

  async isDenied(jti) {
    // Consistent read: a logout must take effect on the very next request.
    const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.deniedJti(jti), ConsistentRead: true }));
    return Item !== undefined;
  },
};
