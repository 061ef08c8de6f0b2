import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, tableName } from '#platform/clients';
import type { Seat } from '#domain/catalog/types';
import type { SeatStore } from '#services/catalog/ports';
import { batchWrite, deleteRequest, putRequest } from './batch-write';
import { queryAll } from './query-all';

/**
 * Seat items: PK `SHOW#<showId>`, SK `SEAT#<seatId>`, exactly the fields of the Seat contract (the holds
 * capability flips `status`/`version`/`reservationId`/`holdExpiresAt` with conditional writes).
 */
const seatsOf = (showId: string) => {
  const { PK, skPrefix } = keys.seatsOfShow(showId);
  return { KeyConditionExpression: 'PK = :pk AND begins_with(SK, :seat)', ExpressionAttributeValues: { ':pk': PK, ':seat': skPrefix } };
};

const SEAT_FIELDS = ['concertId', 'showId', 'seatId', 'section', 'row', 'number', 'grade', 'price', 'currency', 'status', 'version', 'reservationId', 'holdExpiresAt'];

export class DynamoSeatStore implements SeatStore {
  async existingSeatIds(showId: string): Promise<Set<string>> {
    const items = await queryAll<{ SK: string }>({ ...seatsOf(showId), ProjectionExpression: 'SK' });
    return new Set(items.map((i) => i.SK.slice('SEAT#'.length)));
  }

  async putSeats(seats: Seat[]): Promise<void> {
    await batchWrite(seats.map((s) => putRequest({ ...keys.seat(s.showId, s.seatId), ...s })));
  }

  async seatsOfShow(showId: string): Promise<Seat[]> {
    return queryAll<Seat>({
      ...seatsOf(showId),
      ProjectionExpression: SEAT_FIELDS.map((_, i) => `#f${i}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(SEAT_FIELDS.map((f, i) => [`#f${i}`, f])),
    });
  }

  async seatsByIds(showId: string, seatIds: readonly string[]): Promise<Seat[]> {
    const found: Seat[] = [];
    const projection = { ProjectionExpression: SEAT_FIELDS.map((_, i) => `#f${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(SEAT_FIELDS.map((f, i) => [`#f${i}`, f])) };
    for (let i = 0; i < seatIds.length; i += 100) {
      let pending: Record<string, unknown>[] | undefined = seatIds.slice(i, i + 100).map((id) => keys.seat(showId, id));
      for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
        const out: BatchGetCommandOutput = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending, ConsistentRead: true, ...projection } } }));
        found.push(...((out.Responses?.[tableName()] ?? []) as Seat[]));
        pending = out.UnprocessedKeys?.[tableName()]?.Keys;
      }
      if (pending?.length) throw new Error('BatchGet of seats kept returning unprocessed keys');
    }
    return found;
  }

  async deleteSeats(showId: string): Promise<void> {
    const items = await queryAll<{ PK: string; SK: string }>({ ...seatsOf(showId), ProjectionExpression: 'PK, SK' });
    await batchWrite(items.map((i) => deleteRequest({ PK: i.PK, SK: i.SK })));
  }
}
