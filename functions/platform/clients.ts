/**
 * Every client, for tests, benchmarks and the local cloud. Lambda code imports the one module it needs
 * (`#platform/clients/dynamo`, …) so its bundle loads no other SDK client; the lint rule in eslint.config.js holds it.
 */
export { resetClients } from './clients/lazy-client';
export { dynamo, tableName } from './clients/dynamo';
export { sqs } from './clients/sqs';
export { sfn } from './clients/sfn';
export { eventBridge } from './clients/event-bridge';
export { connections } from './clients/connections';
export { redis } from './clients/redis';
