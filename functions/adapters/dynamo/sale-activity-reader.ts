import { QueryCommand } from '#platform/clients/dynamo-commands';
import { encodeTime } from 'ulid';
import type { Reservation } from '#domain/reservations/reservation';
import { dynamo, tableName } from '#platform/clients/dynamo';
import { gsi2 } from './keys';
import { RESERVATIONS_OF_CONCERT_INDEX, reservationFromItem } from './entities/reservation';

/** At most this many reservations are read for one answer; a sale busier than that is summarised by its newest. */
const MAX_ITEMS = 20_000;

/**
 * A concert's reservations made since `since` (every GSI2 shard `CONCERT#<id>#<n>` / `RES#<ulid>`: reservation ids are ULIDs, so their
 * first ten characters are the creation time and a key range selects a time range).
 */
export async function reservationsOfConcertSince(concertId: string, since: Date): Promise<Reservation[]> {
  const shards = await Promise.all(gsi2.reservationShardsOfConcert(concertId).map((pk) => shardSince(pk, since)));
  return shards.flat();
}

async function shardSince(GSI2PK: string, since: Date): Promise<Reservation[]> {
  const out: Reservation[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: RESERVATIONS_OF_CONCERT_INDEX,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': GSI2PK, ':from': `RES#${encodeTime(since.getTime(), 10)}`, ':to': 'RES#\uffff' },
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) out.push(reservationFromItem(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && out.length < MAX_ITEMS);
  return out;
}
