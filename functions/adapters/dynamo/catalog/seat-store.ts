import { keys } from '#adapters/dynamo/keys';
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

  async deleteSeats(showId: string): Promise<void> {
    const items = await queryAll<{ PK: string; SK: string }>({ ...seatsOf(showId), ProjectionExpression: 'PK, SK' });
    await batchWrite(items.map((i) => deleteRequest({ PK: i.PK, SK: i.SK })));
  }
}
