import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

export const dynamo = lazyClient(() =>
  DynamoDBDocumentClient.from(deadlined('DynamoDB', (settings) => new DynamoDBClient(settings)), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

export const tableName = () => config('TABLE_NAME').TABLE_NAME;
