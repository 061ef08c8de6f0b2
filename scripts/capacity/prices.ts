/**
 * AWS list prices the capacity planner multiplies by.
 *
 * Taken 2026-12-01; source: the AWS public price pages (aws.amazon.com/<service>/pricing, on-demand tables) for
 * region us-east-1 (US East, N. Virginia), USD, no free tier, first volume tier only. This machine cannot reach the
 * price pages, so they were written from the pages as last read and cross-checked on 2026-12-02 against stored copies
 * and third-party transcriptions: REST $3.50/M, WebSocket $1.00/M messages and $0.25/M connection-minutes, DynamoDB
 * on-demand $0.625/M WRU and $0.125/M RRU, Lambda Arm $0.0000133334/GB-s — all us-east-1. Correction on 2026-12-02:
 * the Arm provisioned-concurrency duration rate was x86's ($0.0000097222); Arm's is 80% of it, like every Arm rate.
 *
 * The sale runs in ap-northeast-2 (Seoul). Lambda's Seoul rates equal us-east-1's (AWS lists the regions that
 * differ, Seoul is not among them); API Gateway, DynamoDB, ElastiCache and CloudFront (Asia egress) cost more in
 * Seoul — DynamoDB and API Gateway roughly 10–20%, CloudFront's Korea egress ~40% — and could not be read for this
 * file: treat the planner's cost as a floor and price the sale in the AWS Pricing Calculator for ap-northeast-2
 * before quoting it.
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
  lambdaArmProvisionedDurationGbSecond: 0.0000077778,
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
