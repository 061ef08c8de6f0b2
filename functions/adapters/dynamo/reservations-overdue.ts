import { DeleteCommand, PutCommand, QueryCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { OverdueHolds, OverdueMarker } from '#services/reservations/ports';
import { keys, TTL_ATTRIBUTE } from './keys';

/** Markers outlive any sweep window; TTL removes one the sweeper somehow never reached. */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;
/**
 * Oldest markers one sweep takes from each shard: 8 × 250 expiries fit the sweep's minute with room to spare; the
 * next sweep takes the rest.
 */
const MARKERS_PER_SHARD = 250;
/** Sorts after the `#RES#…` suffix of every marker whose deadline is the range's end. */
const AFTER_SUFFIX = '#~';

/**
 * Overdue markers sharded by reservation and sorted by deadline within a shard, so a sweep is one range read per
 * shard (OVERDUE_SHARDS reads, whatever its window) rather than one read per shard and minute.
 */
export function dynamoOverdueHolds(db: () => DynamoClient, table: () => string): OverdueHolds {
  const key = (m: OverdueMarker) => keys.overdueHold(m.deadline, m.reservationId);
  return {
    async remember(m) {
      await db().send(new PutCommand({ TableName: table(), Item: { ...key(m), ...m, [TTL_ATTRIBUTE]: Math.floor(Date.parse(m.deadline) / 1000) + MARKER_TTL_SECONDS } }));
    },
    async due(now, windowMinutes) {
      const from = new Date(now.getTime() - windowMinutes * 60_000).toISOString();
      const pages = await Promise.all(
        keys.overdueHoldShards().map((pk) =>
          db().send(
            new QueryCommand({
              TableName: table(),
              KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': `${now.toISOString()}${AFTER_SUFFIX}` },
              Limit: MARKERS_PER_SHARD,
            }),
          ),
        ),
      );
      return pages
        .flatMap((p) => p.Items ?? [])
        .map((i) => ({ reservationId: String(i.reservationId), phase: i.phase as OverdueMarker['phase'], deadline: String(i.deadline) }))
        .sort((a, b) => a.deadline.localeCompare(b.deadline));
    },
    async forget(m) {
      await db().send(new DeleteCommand({ TableName: table(), Key: key(m) }));
    },
  };
}
