/**
 * The table's shape, read by the CDK Table construct and by the local cloud when it creates the table in
 * DynamoDB Local, so the two cannot drift apart. Item key templates live in functions/adapters/dynamo/keys.ts.
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'ttl',
  /** Domain events follow from writes: the change stream carries each item before and after. */
  stream: 'NEW_AND_OLD_IMAGES',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;
