import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { lazyClient } from './lazy-client';

export const eventBridge = lazyClient(() => new EventBridgeClient({}));
