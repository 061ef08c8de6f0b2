import { keys } from '#adapters/dynamo/keys';
import { dynamoSeatPartitions } from '#adapters/dynamo/seat-partitions';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Seat } from '#domain/catalog/types';
import type { SeatStore } from '#services/catalog/ports';
import { batchWrite, deleteRequest, putRequest } from './batch-write';

/**
 * Seat items: PK `SHOW#<showId>#<section>#R<block>`, SK `SEAT#<seatId>` (keys.ts), exactly the fields of the Seat
 * contract (the holds capability flips `status`/`version`/`reservationId`/`holdExpiresAt` with conditional
 * writes). A show's partitions are listed in its `seat partitions` item, written before the seats.
 */
const SEAT_FIELDS = ['concertId', 'showId', 'seatId', 'section', 'row', 'number', 'grade', 'price', 'currency', 'status', 'version', 'reservationId', 'holdExpiresAt'];

export function dynamoSeatStore(db: () => DynamoDBDocumentClient, table: () => string): SeatStore {
  const partitions = dynamoSeatPartitions(db, table);
  return {
    async existingSeatIds(showId: string): Promise<Set<string>> {
      const items = await partitions.query(showId, { projection: ['seatId'] });
      return new Set(items.map((i) => String(i.seatId)));
    },

    async putSeats(seats: Seat[]): Promise<void> {
      const byShow = new Map<string, string[]>();
      for (const s of seats) {
        const ids = byShow.get(s.showId) ?? [];
        ids.push(s.seatId);
        byShow.set(s.showId, ids);
      }
      for (const [showId, seatIds] of byShow) await partitions.remember(showId, seatIds);
      await batchWrite(db, table, seats.map((s) => putRequest({ ...keys.seat(s.showId, s.seatId), ...s })));
    },

    async seatsOfShow(showId: string): Promise<Seat[]> {
      return (await partitions.query(showId, { projection: SEAT_FIELDS })) as unknown as Seat[];
    },

    /** One section's seats: only that section's partitions are read. */
    async seatsOfSection(showId: string, section: string): Promise<Seat[]> {
      return (await partitions.query(showId, { section, projection: SEAT_FIELDS })) as unknown as Seat[];
    },

    async deleteSeats(showId: string): Promise<void> {
      const items = await partitions.query(showId, { projection: ['seatId'] });
      await batchWrite(db, table, items.map((i) => deleteRequest(keys.seat(showId, String(i.seatId)))));
      await partitions.forget(showId);
    },
  };
}
