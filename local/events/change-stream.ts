import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { ChangeStreamDefinition } from '../../lib/capabilities/types';
import { passesChangeStreamFilter } from '../../lib/definitions/change-stream';
import { invoke } from '../invoke';
import { localLog } from '../log';

const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'us-east-1';
/** How often an idle reader looks for new records: Lambda's stream pollers read each shard about 4 times a second. */
const POLL_MS = 250;
/** After a failed read (DynamoDB Local restarting, paused), pause before trying again. */
const ERROR_PAUSE_MS = 1000;
/** How often the reader looks for new shards or a new stream (a restarted DynamoDB Local) while nothing changed. */
const DISCOVER_EVERY_MS = 5000;
const LOCAL_STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/ticketrush-local/stream/local';

export interface ChangeStreamReader {
  /** Every record written since the last call, in stream order (shard by shard, a parent before its children). */
  read(): Promise<StreamRecord[]>;
  close(): void;
}

interface ShardCursor {
  iterator?: string;
  /** The last record read, to resume after it when an iterator expires. */
  lastSequence?: string;
  closed: boolean;
}

/**
 * Reads a table's change stream through the DynamoDB Streams API (DynamoDB Local serves it as AWS does): finds the
 * table's current stream, follows its shards, and resumes each shard after its last record. `from` places shards
 * found on the first look; shards found later, or of a new stream (DynamoDB Local restarted and the table made
 * again), are read from their start, so no record written after the first look is missed.
 */
export function changeStreamReader(endpoint: string, tableName: string, from: 'LATEST' | 'TRIM_HORIZON' = 'LATEST'): ChangeStreamReader {
  const dynamo = new DynamoDBClient({ endpoint, region, credentials: localCredentials });
  const streams = new DynamoDBStreamsClient({ endpoint, region, credentials: localCredentials });
  let streamArn: string | undefined;
  let firstLook = true;
  let lookedAt = 0;
  /** A shard closed (its children are due) or a read failed (the stream may be gone): look again now. */
  let lookNow = true;
  const shards = new Map<string, ShardCursor>();

  async function iteratorFor(shardId: string, cursor: ShardCursor | undefined): Promise<string | undefined> {
    const type: ShardIteratorType = cursor?.lastSequence ? 'AFTER_SEQUENCE_NUMBER' : firstLook ? from : 'TRIM_HORIZON';
    const out = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: type, ...(cursor?.lastSequence ? { SequenceNumber: cursor.lastSequence } : {}) }),
    );
    return out.ShardIterator;
  }

  async function discover(): Promise<void> {
    const table = await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    const latest = table.Table?.LatestStreamArn;
    if (!latest) throw new Error(`table ${tableName} has no stream`);
    if (latest !== streamArn) {
      if (streamArn) localLog.info('the table has a new change stream (DynamoDB Local restarted): reading it from its start');
      streamArn = latest;
      shards.clear();
    }
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of described.StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      if (shards.has(id)) continue;
      const parent = shard.ParentShardId ? shards.get(shard.ParentShardId) : undefined;
      if (parent && !parent.closed) continue;
      shards.set(id, { iterator: await iteratorFor(id, undefined), closed: false });
    }
    firstLook = false;
    lookNow = false;
    lookedAt = Date.now();
  }

  /** Appends the shard's new records to `into` as they are read, so a later failure loses none already past the cursor. */
  async function readShard(id: string, cursor: ShardCursor, into: StreamRecord[]): Promise<void> {
    while (cursor.iterator) {
      let out;
      try {
        out = await streams.send(new GetRecordsCommand({ ShardIterator: cursor.iterator, Limit: 1000 }));
      } catch (e) {
        if ((e as Error).name !== 'ExpiredIteratorException') throw e;
        cursor.iterator = await iteratorFor(id, cursor);
        continue;
      }
      const got = out.Records ?? [];
      into.push(...got);
      if (got.length) cursor.lastSequence = got.at(-1)?.dynamodb?.SequenceNumber;
      cursor.iterator = out.NextShardIterator;
      if (!cursor.iterator) {
        cursor.closed = true;
        lookNow = true;
      }
      if (!got.length) break;
    }
  }

  return {
    async read() {
      const records: StreamRecord[] = [];
      try {
        if (lookNow || Date.now() - lookedAt >= DISCOVER_EVERY_MS) await discover();
        for (const [id, cursor] of shards) if (!cursor.closed) await readShard(id, cursor, records);
      } catch (e) {
        lookNow = true;
        if (!records.length) throw e;
        localLog.warn('change-stream read stopped early; the rest follows on the next read', { error: (e as Error).message });
      }
      return records;
    },
    close() {
      dynamo.destroy();
      streams.destroy();
    },
  };
}

export interface ChangeStreamPoller {
  stop(): Promise<void>;
}

/**
 * Lambda's DynamoDB event source mapping over the local stream: passes the records the declared filter passes,
 * invokes the consumer with batches of up to `batchSize` in order, and on a partial batch failure retries from the
 * first failed record; a record still failing after `retryAttempts` is logged as sent to the on-failure destination
 * and skipped (in AWS the batch is also halved on every retry; locally one record at a time is retried at the end).
 */
export function pollChangeStream(reader: ChangeStreamReader, definition: ChangeStreamDefinition, streamArn = LOCAL_STREAM_ARN): ChangeStreamPoller {
  let stopped = false;
  let wake: (() => void) | undefined;
  const pending: DynamoDBRecord[] = [];
  let attempts = 0;

  async function deliver(): Promise<void> {
    while (pending.length && !stopped) {
      const batch = pending.slice(0, definition.batchSize);
      const failedAt = await invokeConsumer(batch);
      if (failedAt === undefined) {
        pending.splice(0, batch.length);
        attempts = 0;
        continue;
      }
      pending.splice(0, failedAt);
      if (++attempts > definition.retryAttempts) {
        const [dropped] = pending.splice(0, 1);
        attempts = 0;
        localLog.error('change-stream record sent to the on-failure destination', new Error(`still failing after ${definition.retryAttempts} retries`), { sequenceNumber: dropped?.dynamodb?.SequenceNumber });
        continue;
      }
      await pause(Math.min(ERROR_PAUSE_MS, 50 * 2 ** attempts));
    }
  }

  /** The index in `batch` of the first record not handled, or undefined when all were. */
  async function invokeConsumer(batch: DynamoDBRecord[]): Promise<number | undefined> {
    const event: DynamoDBStreamEvent = { Records: structuredClone(batch) };
    try {
      const result = await invoke<DynamoDBBatchResponse | undefined>(definition.consumer, event);
      const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      if (!failed.size) return undefined;
      const index = batch.findIndex((r) => failed.has(r.dynamodb?.SequenceNumber ?? ''));
      return index === -1 ? 0 : index;
    } catch (e) {
      localLog.error('change-stream consumer threw; the batch will be retried', e);
      return 0;
    }
  }

  const pause = (ms: number) =>
    new Promise<void>((r) => {
      const timer = setTimeout(r, ms);
      wake = () => {
        clearTimeout(timer);
        r();
      };
    });

  const loop = (async () => {
    while (!stopped) {
      try {
        const records = await reader.read();
        pending.push(...records.filter((r) => passesChangeStreamFilter(r as DynamoDBRecord, definition.entities)).map((r) => toLambdaRecord(r, streamArn)));
        await deliver();
        await pause(POLL_MS);
      } catch (e) {
        if (stopped) break;
        localLog.warn('change-stream read failed; retrying', { error: (e as Error).message });
        await pause(ERROR_PAUSE_MS * (0.5 + Math.random()));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      reader.close();
    },
  };
}

/** The record as Lambda hands it to a function (the Streams API's shape, plus the event source's ARN). */
export function toLambdaRecord(r: StreamRecord, streamArn = LOCAL_STREAM_ARN): DynamoDBRecord {
  return {
    eventID: r.eventID,
    eventName: r.eventName as DynamoDBRecord['eventName'],
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: r.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb?.ApproximateCreationDateTime ? { ApproximateCreationDateTime: r.dynamodb.ApproximateCreationDateTime.getTime() / 1000 } : {}),
      Keys: r.dynamodb?.Keys as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      ...(r.dynamodb?.NewImage ? { NewImage: r.dynamodb.NewImage as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] } : {}),
      ...(r.dynamodb?.OldImage ? { OldImage: r.dynamodb.OldImage as NonNullable<DynamoDBRecord['dynamodb']>['OldImage'] } : {}),
      SequenceNumber: r.dynamodb?.SequenceNumber,
      SizeBytes: r.dynamodb?.SizeBytes,
      StreamViewType: r.dynamodb?.StreamViewType as NonNullable<DynamoDBRecord['dynamodb']>['StreamViewType'],
    },
  };
}
