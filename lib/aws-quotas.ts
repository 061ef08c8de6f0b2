/**
 * AWS default quotas per account and region that the sale runs into (AWS service quotas documentation, as of
 * 2026-11). The stage config stays below them and the capacity planner (scripts/capacity.ts) names the ones to
 * raise before a sale.
 */
export const awsQuotas = {
  /** API Gateway: requests per second across REST, WebSocket messages and `@connections` calls. */
  apiGatewayRps: 10_000,
  apiGatewayBurst: 5_000,
  /** API Gateway WebSocket: new connections per second. */
  webSocketNewConnectionsPerSecond: 500,
  /** Lambda: concurrent executions. */
  lambdaConcurrency: 1_000,
  /** Step Functions standard workflows: StartExecution, steady refill per second (bucket 1,300 in us-east-1). */
  stepFunctionsStartExecutionPerSecond: 300,
  /** DynamoDB: one partition serves at most this many write units and read units per second. */
  dynamoPartitionWcu: 1_000,
  dynamoPartitionRcu: 3_000,
} as const;
