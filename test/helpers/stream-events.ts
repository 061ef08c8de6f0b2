import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll } from 'vitest';
import { tableChangeOf } from '#adapters/dynamo/change-records';
import type { DomainEvent } from '#domain/events';
import { announceChanges } from '#services/domain-events/announce-changes';
import { changeStreamDefinition } from '../../lib/definitions';
import { passesChangeStreamFilter } from '../../lib/definitions/change-stream';
import { changeStreamReader, toLambdaRecord, type ChangeStreamReader } from '../../local/events/change-stream';

export interface StreamEvents {
  /** Every domain event the writes since the file started stand for, in stream order (reads what is new first). */
  all(): Promise<DomainEvent[]>;
  /** Those about one reservation (its `reservationId`). */
  of(reservationId: string): Promise<DomainEvent[]>;
}

/**
 * The domain events the change-stream consumer announces for this test file's writes: DynamoDB Local's real stream
 * (placed at its end before the file's tests run), filtered as the event source filters it and mapped by the
 * consumer's own code. Other files write to the same table at the same time; tests pick their own by id or show.
 */
export function useStreamEvents(): StreamEvents {
  let reader: ChangeStreamReader | undefined;
  const events: DomainEvent[] = [];
  const announce = announceChanges({ events: { publish: async (e) => void events.push(...e) } });
  const entities = changeStreamDefinition?.entities ?? [];
  beforeAll(async () => {
    reader = changeStreamReader(process.env.AWS_ENDPOINT_URL_DYNAMODB as string, process.env.TABLE_NAME as string);
    await reader.read();
  });
  afterAll(() => reader?.close());
  const all = async () => {
    if (!reader) throw new Error('the stream reader did not start');
    const records = (await reader.read()).filter((r) => passesChangeStreamFilter(r as DynamoDBRecord, entities)).map((r) => toLambdaRecord(r));
    await announce(records.map((r) => ({ id: r.dynamodb?.SequenceNumber ?? '', change: tableChangeOf(r) })));
    return [...events];
  };
  return { all, of: async (reservationId) => (await all()).filter((e) => e.detail.reservationId === reservationId) };
}
