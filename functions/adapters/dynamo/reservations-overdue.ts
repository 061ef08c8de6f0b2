import { DeleteCommand, PutCommand, QueryCommand, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { OverdueHolds, OverdueMarker } from '#services/reservations/ports';
import { keys, TTL_ATTRIBUTE } from './keys';

const minuteOf = (iso: string) => iso.slice(0, 16);
/** Markers outlive any sweep window; TTL removes one the sweeper somehow never reached. */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;

/** Overdue markers bucketed by deadline minute (and sharded within it), so a sweep reads only the minutes that have passed. */
export function dynamoOverdueHolds(db: () => DynamoClient, table: () => string): OverdueHolds {
  const key = (m: OverdueMarker) => keys.overdueHold(minuteOf(m.deadline), m.reservationId);
  return {
    async remember(m) {
      await db().send(new PutCommand({ TableName: table(), Item: { ...key(m), ...m, [TTL_ATTRIBUTE]: Math.floor(Date.parse(m.deadline) / 1000) + MARKER_TTL_SECONDS } }));
    },
    async due(now, windowMinutes) {
      const minutes = Array.from({ length: windowMinutes + 1 }, (_, i) => minuteOf(new Date(now.getTime() - i * 60_000).toISOString()));
      // Each minute's markers are spread over OVERDUE_SHARDS partitions (keys.ts); read every one of them.
      const pages = await Promise.all(
        minutes
          .flatMap((minute) => keys.overdueHoldsOfMinute(minute))
          .map((pk) => db().send(new QueryCommand({ TableName: table(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': pk } }))),
      );
      return pages
        .flatMap((p) => p.Items ?? [])
        .map((i) => ({ reservationId: String(i.reservationId), phase: i.phase as OverdueMarker['phase'], deadline: String(i.deadline) }))
        .filter((m) => m.deadline <= now.toISOString());
    },
    async forget(m) {
      await db().send(new DeleteCommand({ TableName: table(), Key: key(m) }));
    },
  };
}
