import type { DynamoDBRecord } from 'aws-lambda';
import { tableChangeOf } from '#adapters/dynamo/change-records';
import { announceChanges } from '#services/domain-events/announce-changes';
import { lazy } from './lazy';
import { realEventPublisher } from './shared-ports';

const announce = lazy(() => announceChanges({ events: realEventPublisher() }));

/** The change-stream consumer's use case: each stream record as the write it reports, announced on the bus. */
export const announceStreamRecords = (records: readonly DynamoDBRecord[]) =>
  announce()(records.map((r) => ({ id: r.dynamodb?.SequenceNumber ?? '', change: tableChangeOf(r) })));
