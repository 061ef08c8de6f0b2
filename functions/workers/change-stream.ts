import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { announceStreamRecords } from '#composition/domain-events';
import { worker } from '#platform/worker';

/**
 * The table's change-stream consumer: domain events follow from committed writes. Partial batch responses name the
 * first record not announced; the event source retries from it (bisecting, then the on-failure destination).
 */
export const handler = worker(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { failedId } = await announceStreamRecords(event.Records);
  return { batchItemFailures: failedId === undefined ? [] : [{ itemIdentifier: failedId }] };
});
