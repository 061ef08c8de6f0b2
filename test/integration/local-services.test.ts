import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, redis, tableName } from '#platform/clients';
import { keys } from '#adapters/dynamo/keys';

describe('the local services integration tests run against', () => {
  it('stores and reads an item in DynamoDB Local through the ordinary SDK client', async () => {
    const item = { ...keys.user('itest-user'), nickname: '민지' };
    await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));
    const got = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.user('itest-user') }));
    expect(got.Item).toEqual(item);
  });

  it('talks to a real redis-server', async () => {
    await redis().set('itest:key', 'v', 'EX', 10);
    expect(await redis().get('itest:key')).toBe('v');
  });
});
