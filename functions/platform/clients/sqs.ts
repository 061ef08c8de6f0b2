import type { SQSClient } from '@aws-sdk/client-sqs';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type Sqs = LazySdk<typeof import('@aws-sdk/client-sqs'), SQSClient>;

// Requests go to the configured regional endpoint, never to the host inside a QueueUrl: the same in AWS, and
// locally the emulator's queue URLs name a host (sqs.<region>.localhost) that only it knows.
export const sqs: Sqs = lazySdkClient(
  () => import('@aws-sdk/client-sqs'),
  (sdk) => deadlined('SQS', (settings) => new sdk.SQSClient({ ...settings, useQueueUrlAsEndpoint: false })),
);
