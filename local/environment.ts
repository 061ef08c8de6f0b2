import type { LocalQueue } from './bootstrap';
import { stageConfigs } from '../lib/stage-config';

export interface LocalEndpoints {
  dynamodb: string;
  redis: string;
  sqs: string;
  queues: LocalQueue[];
  tableName: string;
  /** Filled in by the local cloud once its gateway, Step Functions and EventBridge endpoints listen. */
  gateway?: string;
  /** The @connections stand-in's base (`…/local`), on the stand-ins' loopback port. */
  connections?: string;
  stepFunctions?: string;
  eventBridge?: string;
}

/**
 * The environment handlers run with locally: the same variables CDK sets in AWS, plus `AWS_ENDPOINT_URL_*`
 * pointing the ordinary SDK clients at the local processes. Handler code never checks whether it is local.
 */
export function localEnvironment(e: LocalEndpoints, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    STAGE: 'local',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: e.dynamodb,
    AWS_ENDPOINT_URL_SQS: e.sqs,
    TABLE_NAME: e.tableName,
    REDIS_URL: e.redis,
    EVENT_BUS_NAME: 'ticketrush-local',
    LAB_ENABLED: 'true',
    // The local schedule fires the admission loop every second (lib/capabilities/waiting-room.ts localIntervalMs).
    ADMISSION_LOOP_TICKS: 'once',
    WS_CONNECTS_PER_SECOND: String(stageConfigs.local.wsConnectsPerSecond),
    ABUSE_CONFIG: JSON.stringify(stageConfigs.local.abuse),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    ...extra,
  };
  for (const q of e.queues) env[q.urlEnv] = q.url;
  if (e.stepFunctions) env.AWS_ENDPOINT_URL_SFN = e.stepFunctions;
  if (e.eventBridge) env.AWS_ENDPOINT_URL_EVENTBRIDGE = e.eventBridge;
  if (e.connections) env.WS_MANAGEMENT_ENDPOINT = e.connections;
  if (e.gateway) {
    // The webhook dispatcher (a queue consumer) signs and POSTs sandbox webhooks to the gateway, as in AWS.
    env.WEBHOOK_TARGET_URL = `${e.gateway}/v1/payments/webhooks`;
  }
  return env;
}
