import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SFNClient } from '@aws-sdk/client-sfn';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { MiddlewareStack } from '@smithy/types';
import { config } from './config';
import { sdkDeadlineSettings } from './deadlines';
import { tagDependency } from './dependency-errors';
import { createRedis } from './redis-client';

/**
 * SDK and Redis clients, each built once per cold start on first use. Endpoints come from the ordinary
 * `AWS_ENDPOINT_URL_<SERVICE>` variables, which is how the local cloud points the same code at local services.
 */
const resets: Array<() => void> = [];
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  resets.push(() => {
    const client = value as { disconnect?: () => void; destroy?: () => void } | undefined;
    if (client?.disconnect) client.disconnect();
    else client?.destroy?.();
    value = undefined;
  });
  return () => (value ??= make());
}

/**
 * Closes every client built so far; the next use builds a fresh one from the current environment. The local cloud
 * calls it on stop, so no client keeps reconnecting to a service that is gone.
 */
export function resetClients(): void {
  for (const reset of resets) reset();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK client's stack, whatever its input/output types
type Tagged = { middlewareStack: MiddlewareStack<any, any> };
/** Every SDK client gets the deadline settings (./deadlines) and names itself on its errors, so a 503 says which. */
function deadlined<C extends Tagged>(dependency: string, client: C): C {
  client.middlewareStack.add(
    (next) => (args) =>
      next(args).catch((error: unknown) => {
        throw tagDependency(error, dependency);
      }),
    { step: 'initialize', name: 'tagDependencyErrors' },
  );
  return client;
}

export const dynamo = once(() =>
  DynamoDBDocumentClient.from(deadlined('DynamoDB', new DynamoDBClient(sdkDeadlineSettings())), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);
// Requests go to the configured regional endpoint, never to the host inside a QueueUrl: the same in AWS, and
// locally the emulator's queue URLs name a host (sqs.<region>.localhost) that only it knows.
export const sqs = once(() => deadlined('SQS', new SQSClient({ ...sdkDeadlineSettings(), useQueueUrlAsEndpoint: false })));
export const sfn = once(() => deadlined('Step Functions', new SFNClient(sdkDeadlineSettings())));
export const eventBridge = once(() => deadlined('EventBridge', new EventBridgeClient(sdkDeadlineSettings())));
export const connections = once(() =>
  deadlined(
    'API Gateway @connections',
    new ApiGatewayManagementApiClient({ ...sdkDeadlineSettings(), endpoint: config('WS_MANAGEMENT_ENDPOINT').WS_MANAGEMENT_ENDPOINT }),
  ),
);
export const redis = once(() => createRedis(config('REDIS_URL').REDIS_URL));

export const tableName = () => config('TABLE_NAME').TABLE_NAME;
