import { DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoClient, type QueryCommandOutput } from '#platform/clients/dynamo-commands';
import { keys, seatPartitionOf } from './keys';

export interface SeatPartitions {
  /** Adds the partitions of these seats to their show's list; written before the seats, so a reader never misses one. */
  remember(showId: string, seatIds: readonly string[]): Promise<void>;
  /** The show's seat partitions in a stable order; empty for a show without seats. */
  list(showId: string): Promise<string[]>;
  forget(showId: string): Promise<void>;
  /**
   * Items of every seat partition of a show (optionally only one section's), in no particular order: the
   * partitions are read in parallel, each page by page; `maxItems` stops early (a preload that needs only a few
   * thousand).
   */
  query(showId: string, options?: { section?: string; projection?: readonly string[]; maxItems?: number }): Promise<Record<string, unknown>[]>;
}

/** How many partitions are read at once: enough to hide latency, few enough for a Lambda's sockets. */
const PARALLEL_PARTITIONS = 16;

/** The `seat partitions` item of keys.ts: a string set per show, and the reads that fan out over it. */
export function dynamoSeatPartitions(db: () => DynamoClient, table: () => string): SeatPartitions {
  const list = async (showId: string) => {
    const { Item } = await db().send(new GetCommand({ TableName: table(), Key: keys.seatPartitions(showId), ConsistentRead: true }));
    return [...((Item?.partitions as Set<string> | undefined) ?? [])].sort();
  };

  async function queryPartition(showId: string, partition: string, projection: readonly string[] | undefined, room: () => number, into: Record<string, unknown>[]) {
    const { PK, skPrefix } = keys.seatsOfShow(showId, partition);
    const names = projection ? Object.fromEntries(projection.map((f, i) => [`#f${i}`, f])) : undefined;
    let start: Record<string, unknown> | undefined;
    do {
      const res: QueryCommandOutput = await db().send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :seat)',
          ExpressionAttributeValues: { ':pk': PK, ':seat': skPrefix },
          ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
          ExclusiveStartKey: start,
        }),
      );
      into.push(...(res.Items ?? []));
      start = res.LastEvaluatedKey;
    } while (start && room() > 0);
  }

  return {
    async remember(showId, seatIds) {
      const partitions = new Set(seatIds.map(seatPartitionOf));
      if (!partitions.size) return;
      await db().send(
        new UpdateCommand({
          TableName: table(),
          Key: keys.seatPartitions(showId),
          UpdateExpression: 'SET showId = :show ADD #parts :parts',
          ExpressionAttributeNames: { '#parts': 'partitions' },
          ExpressionAttributeValues: { ':show': showId, ':parts': partitions },
        }),
      );
    },
    list,
    async forget(showId) {
      await db().send(new DeleteCommand({ TableName: table(), Key: keys.seatPartitions(showId) }));
    },
    async query(showId, options = {}) {
      const partitions = (await list(showId)).filter((p) => !options.section || p.startsWith(`${options.section}#`));
      const max = options.maxItems ?? Infinity;
      const items: Record<string, unknown>[] = [];
      const room = () => max - items.length;
      let next = 0;
      const worker = async () => {
        while (next < partitions.length && room() > 0) await queryPartition(showId, partitions[next++] as string, options.projection, room, items);
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTITIONS, partitions.length) }, worker));
      // Partitions answer in any order: callers that show seats sort them (the seat map does).
      return items;
    },
  };
}
