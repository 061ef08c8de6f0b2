import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { sdkDeadlineSettings } from '../deadlines';
import { deadlined } from './deadlined';
import { lazyClient } from './lazy-client';

export const eventBridge = lazyClient(() => deadlined('EventBridge', new EventBridgeClient(sdkDeadlineSettings())));
