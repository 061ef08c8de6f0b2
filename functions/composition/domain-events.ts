import type { DynamoDBRecord } from 'aws-lambda';
import { tableChangeOf } from '#adapters/dynamo/change-records';
import { eventBridgePublisher } from '#adapters/events/event-bridge-publisher';
import { eventBridge } from '#platform/clients/event-bridge';
import { config } from '#platform/config';
import { announceChanges } from '#services/domain-events/announce-changes';
import { lazy } from './lazy';

/** The only publisher of domain events: the change-stream consumer (nothing publishes after its own write). */
const announce = lazy(() => announceChanges({ events: eventBridgePublisher(eventBridge, () => config('EVENT_BUS_NAME').EVENT_BUS_NAME) }));

/** The change-stream consumer's use case: each stream record as the write it reports, announced on the bus. */
export const announceStreamRecords = (records: readonly DynamoDBRecord[]) =>
  announce()(records.map((r) => ({ id: r.dynamodb?.SequenceNumber ?? '', change: tableChangeOf(r) })));
