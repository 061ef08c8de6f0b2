import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { deadlined } from './deadlined';
import { lazySdkClient, type LazySdk } from './lazy-client';

export type EventBridge = LazySdk<typeof import('@aws-sdk/client-eventbridge'), EventBridgeClient>;

export const eventBridge: EventBridge = lazySdkClient(
  () => import('@aws-sdk/client-eventbridge'),
  (sdk) => deadlined('EventBridge', (settings) => new sdk.EventBridgeClient(settings)),
);
