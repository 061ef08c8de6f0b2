/**
 * AWS list prices the capacity planner multiplies by. Region us-east-1 (N. Virginia), USD, on-demand, no free tier,
 * no volume tiers beyond the first. Taken 2026-12-01 from the public price pages as last read by the author (this
 * machine cannot reach aws.amazon.com/pricing): verify against the pages, or the AWS Pricing Calculator, before
 * quoting a figure. ap-northeast-2 (Seoul) list prices are typically 5–25% higher for these services.
 */
export const PRICES = {
  takenOn: '2026-12-01',
  region: 'us-east-1',
  currency: 'USD',
  /** API Gateway REST API, per request (first 333 million a month: $3.50 per million). */
  restRequest: 3.5 / 1e6,
  /** API Gateway WebSocket: per message (first billion: $1.00 per million, billed in 32 KB units) … */
  webSocketMessage: 1.0 / 1e6,
  /** … and per connection-minute ($0.25 per million). */
  webSocketConnectionMinute: 0.25 / 1e6,
  /** Lambda on ARM64: per GB-second of duration, per request. */
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  /** Lambda provisioned concurrency on ARM64: per GB-second provisioned, and the lower duration price while provisioned. */
  lambdaArmProvisionedGbSecond: 0.0000033334,
  lambdaArmProvisionedDurationGbSecond: 0.0000097222,
  /** DynamoDB on-demand (after the November 2024 price cut): per write request unit, per read request unit. */
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoReadUnit: 0.125 / 1e6,
  /** Step Functions standard workflows, per state transition ($0.025 per 1,000). */
  stepFunctionsTransition: 0.025 / 1e3,
  /** EventBridge custom events, per event ($1.00 per million). */
  eventBridgeEvent: 1.0 / 1e6,
  /** SQS standard queue, per request ($0.40 per million). */
  sqsRequest: 0.4 / 1e6,
  /** ElastiCache Serverless for Redis OSS: per GB-hour stored, per ECPU ($0.0034 per million). */
  elastiCacheGbHour: 0.125,
  elastiCacheEcpu: 0.0034 / 1e6,
  /** CloudFront to the internet (first 10 TB, North America/Europe), per GB, and per HTTPS request ($0.01 per 10,000). */
  cloudFrontGb: 0.085,
  cloudFrontRequest: 0.01 / 1e4,
  /** CloudWatch Logs ingestion, per GB. */
  logsIngestGb: 0.5,
} as const;
