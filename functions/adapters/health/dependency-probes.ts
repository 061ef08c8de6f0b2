import { DescribeTableCommand } from '#platform/clients/dynamo-commands';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { redis } from '#platform/clients/redis';
import { sqs } from '#platform/clients/sqs';
import type { Probe } from '#services/check-health';

/**
 * One cheap, read-only call per dependency. SQS is probed with ListQueues so the check does not depend on which
 * capability's queues exist (in AWS the health function needs `sqs:ListQueues`).
 */
export const dependencyProbes: Record<string, Probe> = {
  dynamodb: () => dynamo().send(new DescribeTableCommand({ TableName: tableName() })),
  redis: () => redis().ping(),
  sqs: async () => {
    const { client, sdk } = await sqs();
    return client.send(new sdk.ListQueuesCommand({ MaxResults: 1 }));
  },
};
