import { BatchWriteCommand, type BatchWriteCommandInput, type DynamoClient } from '#platform/clients/dynamo-commands';
import { dependencyUnavailable } from '#domain/errors';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const BATCH_SIZE = 25;
/** Parallel BatchWrite calls: enough to keep DynamoDB busy, few enough to stay inside a Lambda's sockets. */
const CONCURRENCY = 8;
const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 25;
const MAX_DELAY_MS = 1_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Full jitter: a random delay up to the exponential cap, so throttled writers do not retry in step. */
const backoff = (attempt: number) => Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);

/** One batch of up to 25 writes; unprocessed items are resent with jittered backoff, at most MAX_ATTEMPTS times. */
async function writeBatch(db: () => DynamoClient, table: () => string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const out = await db().send(new BatchWriteCommand({ RequestItems: { [table()]: pending } }));
    pending = out.UnprocessedItems?.[table()] ?? [];
    if (pending.length === 0) return;
    if (attempt < MAX_ATTEMPTS - 1) await sleep(backoff(attempt));
  }
  throw dependencyUnavailable('DynamoDB (batch write kept returning unprocessed items)');
}

/** Writes any number of puts/deletes in 25-item batches, CONCURRENCY batches at a time. Not atomic. */
export async function batchWrite(db: () => DynamoClient, table: () => string, requests: WriteRequest[]): Promise<void> {
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < requests.length; i += BATCH_SIZE) batches.push(requests.slice(i, i + BATCH_SIZE));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      if (batch) await writeBatch(db, table, batch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, worker));
}

export const putRequest = (Item: Record<string, unknown>): WriteRequest => ({ PutRequest: { Item } });
export const deleteRequest = (Key: Record<string, unknown>): WriteRequest => ({ DeleteRequest: { Key } });
