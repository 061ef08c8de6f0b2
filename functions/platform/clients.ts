import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { Redis } from 'ioredis';
import { config } from './config';

/**
 * SDK and Redis clients, each built once per cold start on first use. Endpoints come from the ordinary
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which is how the local cloud points the same code at local services.
 */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

export const dynamo = once(() =>
  DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 3 }), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
// Requests go to the configured regional endpoint, never to the host inside a QueueUrl: the same in AWS, and
// locally the emulator's queue URLs name a host (sqs.<region>.localhost) that only it knows.
export const sqs = once(() => new SQSClient({ useQueueUrlAsEndpoint: false }));
export const sfn = once(() => new SFNClient({}));
export const eventBridge = once(() => new EventBridgeClient({}));
export const connections = once(
  () => new ApiGatewayManagementApiClient({ endpoint: config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT }),
);
export const redis = once(
  () =>
    new Redis(config('REDIS_URL').REDIS_URL, {
      // Fail fast instead of queueing commands while Redis is away; callers map it to 503.
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      lazyConnect: false,
    }),
);

export const tableName = () => config('TABLE_NAME').TABLE_NAME;
