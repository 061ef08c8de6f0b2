import { config } from '../config';
import { serviceEndpoint } from './aws-endpoints';
import { awsJsonProtocol } from './aws-json-protocol';
import { serviceError } from './aws-service-errors';
import { lazyClient } from './lazy-client';

const DEPENDENCY = 'EventBridge';

export interface EventEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  /** The default bus when absent. */
  EventBusName?: string;
}

export interface PutEventsAnswer {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** The EventBridge calls the functions make; a refusal is an AwsServiceException named as the API names it. */
export interface EventBridge {
  putEvents(entries: EventEntry[]): Promise<PutEventsAnswer>;
  enableRule(name: string): Promise<void>;
  disableRule(name: string): Promise<void>;
  destroy(): void;
}

/** EventBridge's JSON protocol (1.1, `AWSEvents.<Operation>`) through ./aws-json-protocol.ts. */
export function eventBridgeClient(url: URL, region: string): EventBridge {
  const json = awsJsonProtocol({ url, region, service: 'events', targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1', dependency: DEPENDENCY, error: serviceError(DEPENDENCY) });
  return {
    putEvents: async (entries) => (await json.call('PutEvents', { Entries: entries })) as PutEventsAnswer,
    async enableRule(name) {
      await json.call('EnableRule', { Name: name });
    },
    async disableRule(name) {
      await json.call('DisableRule', { Name: name });
    },
    destroy: json.destroy,
  };
}

export const eventBridge = lazyClient(() => {
  const { AWS_REGION } = config('AWS_REGION');
  return eventBridgeClient(serviceEndpoint('EVENTBRIDGE', 'events', AWS_REGION), AWS_REGION);
});
