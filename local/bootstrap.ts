import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, SQSClient, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { tableDefinition, queueDefinitions } from '../lib/definitions';
import type { QueueDefinition } from '../lib/capabilities/types';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';

/** Creates the single table exactly as the CDK Table construct declares it (same keys, GSIs, TTL and change stream). */
export async function createTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region, credentials: localCredentials });
  const attributeNames = new Set<string>([tableDefinition.partitionKey, tableDefinition.sortKey]);
  for (const gsi of tableDefinition.globalSecondaryIndexes) attributeNames.add(gsi.partitionKey).add(gsi.sortKey);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributeNames].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((g) => ({
          IndexName: g.indexName,
          KeySchema: [
            { AttributeName: g.partitionKey, KeyType: 'HASH' },
            { AttributeName: g.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream },
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      }),
    );
  } catch (e) {
    // A persisted data dir already has the table from an earlier start.
    if (!(e instanceof ResourceInUseException)) throw e;
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  // A data dir from before the table had its change stream: events follow from writes, so it gets one.
  if (!Table?.StreamSpecification?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: { StreamEnabled: true, StreamViewType: tableDefinition.stream } }));
  }
  client.destroy();
}

export interface LocalQueue {
  id: string;
  urlEnv: string;
  url: string;
  dlqUrl: string;
}

/** Creates every declared queue with its DLQ and redrive policy, as the CDK Queues construct does. */
export async function createQueues(endpoint: string, prefix: string, definitions: QueueDefinition[] = queueDefinitions): Promise<LocalQueue[]> {
  const client = new SQSClient({ endpoint, region, credentials: localCredentials });
  const created: LocalQueue[] = [];
  for (const q of definitions) {
    const dlq = await client.send(new CreateQueueCommand({ QueueName: `${prefix}-${q.id}-dlq` }));
    const dlqArn = (
      await client.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn;
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: `${prefix}-${q.id}`,
        Attributes: {
          VisibilityTimeout: String(q.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: q.maxReceiveCount }),
        },
      }),
    );
    created.push({ id: q.id, urlEnv: q.urlEnv, url: queue.QueueUrl ?? '', dlqUrl: dlq.QueueUrl ?? '' });
  }
  client.destroy();
  return created;
}
