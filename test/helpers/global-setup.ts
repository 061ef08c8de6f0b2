import type { TestProject } from 'vitest/node';
import { startDynamoDb } from '../../local/services/dynamodb';
import { startRedis } from '../../local/services/redis';
import { startSqs } from '../../local/services/sqs';
import { createQueues, createTable } from '../../local/bootstrap';
import { localEnvironment } from '../../local/environment';
import type { RunningService } from '../../local/services/types';
import { localSecrets } from '../../local/secrets';

declare module 'vitest' {
  export interface ProvidedContext {
    localEnv: Record<string, string>;
  }
}

/**
 * Integration tests share one set of real local services (DynamoDB Local, redis-server, the SQS emulator),
 * started once on free loopback ports and stopped when the run ends. Tests isolate themselves by ids.
 */
export default async function setup(project: TestProject) {
  const started: RunningService[] = [];
  const stopAll = () => Promise.allSettled(started.reverse().map((s) => s.stop()));
  try {
    const [dynamodb, redis, sqs] = await Promise.all([startDynamoDb(), startRedis(), startSqs()]);
    started.push(dynamodb, redis, sqs);
    const tableName = 'ticketrush-test';
    await createTable(dynamodb.endpoint, tableName);
    const queues = await createQueues(sqs.endpoint, 'ticketrush-test');
    const secrets = await localSecrets();
    project.provide('localEnv', localEnvironment({ dynamodb: dynamodb.endpoint, redis: redis.endpoint, sqs: sqs.endpoint, queues, tableName }, secrets));
  } catch (e) {
    await stopAll();
    throw e;
  }
  return async () => {
    await stopAll();
  };
}
