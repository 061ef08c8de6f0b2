import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient, ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { withDependencyErrors } from '#adapters/dynamo/dependency-errors';

describe('DynamoDB overload as 503', () => {
  const docMock = mockClient(DynamoDBDocumentClient);
  const db = withDependencyErrors(() => DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })));
  const get = () => db().send(new GetCommand({ TableName: 't', Key: { PK: 'a', SK: 'b' } }));

  it('turns throttling into DEPENDENCY_UNAVAILABLE with Retry-After', async () => {
    docMock.reset().on(GetCommand).rejects(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }));
    await expect(get()).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 1 });
  });

  it('turns a refused connection into DEPENDENCY_UNAVAILABLE', async () => {
    docMock.reset().on(GetCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    await expect(get()).rejects.toMatchObject({ code: 'DEPENDENCY_UNAVAILABLE' });
  });

  it('lets condition failures and successes through untouched', async () => {
    docMock.reset().on(GetCommand).rejectsOnce(new ConditionalCheckFailedException({ message: 'no', $metadata: {} })).resolves({ Item: { PK: 'a' } });
    await expect(get()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(get()).resolves.toMatchObject({ Item: { PK: 'a' } });
  });
});
