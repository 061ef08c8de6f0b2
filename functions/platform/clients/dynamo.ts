import { config } from '../config';
import { serviceEndpoint } from './aws-endpoints';
import type { DynamoClient } from './dynamo-commands';
import { dynamoJsonClient } from './dynamo-json-client';
import { lazyClient } from './lazy-client';

export const dynamo = lazyClient((): DynamoClient => {
  const { AWS_REGION } = config('AWS_REGION');
  return dynamoJsonClient(serviceEndpoint('DYNAMODB', 'dynamodb', AWS_REGION), AWS_REGION);
});

export const tableName = () => config('TABLE_NAME').TABLE_NAME;
