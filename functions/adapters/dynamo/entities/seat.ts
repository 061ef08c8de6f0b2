import * as z from 'zod/mini';
import type { SeatOffer } from '#domain/reservations/reservation';
import { SEAT_STATUSES, type Seat } from '#domain/seat';
import { keys } from '../keys';
import { recordOf, schemaOnce } from './item';

/**
 * The seat item: PK `SHOW#<showId>#<section>#R<block>`, SK `SEAT#<seatId>` (`keys.seat`), exactly the fields of the
 * Seat contract. The holds capability flips `status`/`version`/`reservationId`/`holdExpiresAt` with conditional
 * writes; a show's partitions are listed in its `seat partitions` item (functions/adapters/dynamo/seat-partitions.ts).
 */
export const SEAT_FIELDS = ['concertId', 'showId', 'seatId', 'section', 'row', 'number', 'grade', 'price', 'currency', 'status', 'version', 'reservationId', 'holdExpiresAt'];

const seatRecord = /* @__PURE__ */ schemaOnce(() =>
  z.looseObject({
    concertId: z.string(),
    showId: z.string(),
    seatId: z.string(),
    section: z.string(),
    row: z.number(),
    number: z.number(),
    grade: z.string(),
    price: z.number(),
    currency: z.string(),
    status: z.enum(SEAT_STATUSES),
    version: z.number(),
    reservationId: z.optional(z.string()),
    holdExpiresAt: z.optional(z.string()),
  }),
);

export const seatToItem = (s: Seat): Record<string, unknown> => ({ ...keys.seat(s.showId, s.seatId), ...s });

/** A seat item read with the SEAT_FIELDS projection (or whole, without its keys). */
export const seatFromItem = (item: Record<string, unknown>): Seat => recordOf('seat', seatRecord, item, ['PK', 'SK']);

/** The hold path's read of a seat item: what it is offered at. Field by field, so the hot path carries no schema. */
export function offerFromSeatItem(item: Record<string, unknown>): SeatOffer {
  return {
    seatId: String(item.seatId),
    section: String(item.section),
    row: Number(item.row),
    number: Number(item.number),
    grade: String(item.grade),
    price: Number(item.price),
    concertId: String(item.concertId),
    currency: String(item.currency),
  };
}

/** A HELD seat whose hold has lapsed counts as AVAILABLE to the hold path and the seat map. */
export function isFreeAt(item: Record<string, unknown>, nowIso: string): boolean {
  if (item.status === 'AVAILABLE') return true;
  return item.status === 'HELD' && typeof item.holdExpiresAt === 'string' && item.holdExpiresAt < nowIso;
}
