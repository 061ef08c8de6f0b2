import { keys } from '#adapters/dynamo/keys';
import { SEAT_FIELDS, seatFromItem, seatToItem } from '#adapters/dynamo/entities/seat';
import { dynamoSeatPartitions } from '#adapters/dynamo/seat-partitions';
import type { DynamoClient } from '#platform/clients/dynamo-commands';
import type { Seat } from '#domain/catalog/types';
import type { SeatStore } from '#services/catalog/ports';
import { batchWrite, deleteRequest, putRequest } from './batch-write';

/** Seat items (./../entities/seat.ts), spread over the partitions their show's `seat partitions` item lists. */
export function dynamoSeatStore(db: () => DynamoClient, table: () => string): SeatStore {
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
      await batchWrite(db, table, seats.map((s) => putRequest(seatToItem(s))));
    },

    async seatsOfShow(showId: string): Promise<Seat[]> {
      return (await partitions.query(showId, { projection: SEAT_FIELDS })).map(seatFromItem);
    },

    /** One section's seats: only that section's partitions are read. */
    async seatsOfSection(showId: string, section: string): Promise<Seat[]> {
      return (await partitions.query(showId, { section, projection: SEAT_FIELDS })).map(seatFromItem);
    },

    async deleteSeats(showId: string): Promise<void> {
      const items = await partitions.query(showId, { projection: ['seatId'] });
      await batchWrite(db, table, items.map((i) => deleteRequest(keys.seat(showId, String(i.seatId)))));
      await partitions.forget(showId);
    },
  };
}
