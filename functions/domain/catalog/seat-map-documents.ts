import * as z from 'zod/mini';
import type { Availability, ShowLayout } from './availability';

/**
 * The two seat-map documents as JSON schemas for the OpenAPI document (scripts/openapi.ts), so the web client's types
 * for them are generated like every other route's. The handlers return the domain types; the checks below fail to
 * compile when a schema and its type part ways.
 */
export const layoutDocument = z.object({
  showId: z.string(),
  version: z.string(),
  sections: z.array(
    z.object({
      name: z.string(),
      grade: z.string(),
      price: z.number(),
      currency: z.string(),
      rows: z.int(),
      seatsPerRow: z.int(),
    }),
  ),
});

export const availabilityDocument = z.object({
  showId: z.string(),
  version: z.int(),
  sections: z.array(
    z.object({
      name: z.string(),
      available: z.int(),
      held: z.int(),
      sold: z.int(),
      /** base64 of 2 bits a seat: 00 AVAILABLE, 01 HELD, 10 SOLD; row-major, first seat in the high bits. */
      bits: z.string(),
    }),
  ),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
export type DocumentsMatchTheirTypes = Holds<Same<z.infer<typeof layoutDocument>, Omit<ShowLayout, 'concertId'>>> | Holds<Same<z.infer<typeof availabilityDocument>, Availability>>;
