import { awsJsonProtocol } from './aws-json-protocol';
import type { DynamoClient } from './dynamo-commands';
import { dynamoError } from './dynamo-errors';

/**
 * DynamoDB's JSON protocol (1.0, `DynamoDB_20120810.<Operation>`) through ./aws-json-protocol.ts, in place of the SDK
 * client, whose packages cost every cold start ~75–100 ms to load: DocumentClient-style commands in plain values
 * (./dynamo-commands.ts), errors in the SDK's shape (./dynamo-errors.ts).
 */
export function dynamoJsonClient(url: URL, region: string): DynamoClient {
  const json = awsJsonProtocol({ url, region, service: 'dynamodb', targetPrefix: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0', dependency: 'DynamoDB', error: dynamoError });
  return {
    send: async (command) => command.output(await json.call(command.operation, command.wireInput())),
    destroy: json.destroy,
  };
}
