import { SQSClient } from '@aws-sdk/client-sqs';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

// Requests go to the configured regional endpoint, never to the host inside a QueueUrl: the same in AWS, and
// locally the emulator's queue URLs name a host (sqs.<region>.localhost) that only it knows.
export const sqs = lazyClient(() => deadlined('SQS', new SQSClient({ ...sdkDeadlineSettings(), useQueueUrlAsEndpoint: false })));
