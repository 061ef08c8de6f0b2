import { config } from '../config';
import type { DynamoClient } from './dynamo-commands';
import { dynamoJsonClient } from './dynamo-json-client';
import { lazyClient } from './lazy-client';

/**
 * Where the SDK would send: `AWS_ENDPOINT_URL_DYNAMODB`, then `AWS_ENDPOINT_URL` (the local cloud and LocalStack set
 * these), else the region's public endpoint.
 */
function endpoint(region: string): URL {
  const { AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL } = process.env;
  return new URL(AWS_ENDPOINT_URL_DYNAMODB || AWS_ENDPOINT_URL || `https://dynamodb.${region}.amazonaws.com`);
}

export const dynamo = lazyClient((): DynamoClient => {
  const { AWS_REGION } = config('AWS_REGION');
  return dynamoJsonClient(endpoint(AWS_REGION), AWS_REGION);
});

export const tableName = () => config('TABLE_NAME').TABLE_NAME;
