import * as z from 'zod';
import { MAX_SEATS_PER_SHOW } from './seat-layout';
import { SORTS } from './search-concerts';

/**
 * Input schemas for the admin writes. They validate, type the handlers and name every bad field in
 * `details.issues[]`. Bodies are exact: an unknown or immutable field is reported at its own path (zod's strict
 * objects would report it at the parent with the name only in the message) and never stored.
 */
function exact<S extends z.ZodRawShape>(shape: S) {
  const known = new Set(Object.keys(shape));
  return z
    .looseObject(shape)
    // What clients may send, for the OpenAPI document; unknown keys are let in here only to be named below.
    .meta({ additionalProperties: false })
    .superRefine((body, ctx) => {
      for (const key of Object.keys(body)) if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'Unknown or read-only field' });
    })
    .transform((body) => Object.fromEntries(Object.entries(body).filter(([key]) => known.has(key))) as z.output<z.ZodObject<S>>);
}
const exactPartial = <S extends z.ZodRawShape>(shape: S) => exact(z.object(shape).partial().shape);

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.string().trim().min(1).max(64);
/** `-` separates the parts of a seatId (`A-3-12`), so section names cannot contain it. */
const sectionName = z.string().trim().regex(/^[A-Za-z0-9]{1,8}$/, 'Use 1-8 letters or digits');
const grade = z.string().trim().regex(/^[A-Za-z0-9]{1,10}$/, 'Use 1-10 letters or digits');

const artistShape = { name: text(120), genre: text(40) };
const agencyShape = { name: text(120) };
export const artistInput = exact(artistShape);
export const agencyInput = exact(agencyShape);

const section = z.strictObject({
  name: sectionName,
  grade,
  rows: z.number().int().min(1).max(200),
  seatsPerRow: z.number().int().min(1).max(200),
});

export const venueInput = exact({
  name: text(120),
  city: text(80),
  layout: z.strictObject({
    sections: z
      .array(section)
      .min(1)
      .max(100)
      .superRefine((sections, ctx) => {
        const seen = new Set<string>();
        sections.forEach((s, i) => {
          if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `Section ${s.name} appears twice` });
          seen.add(s.name);
        });
        const capacity = sections.reduce((n, s) => n + s.rows * s.seatsPerRow, 0);
        if (capacity > MAX_SEATS_PER_SHOW) ctx.addIssue({ code: 'custom', path: [], message: `At most ${MAX_SEATS_PER_SHOW} seats per venue (got ${capacity})` });
      }),
  }),
});

/** Venue PATCH changes names only: seats already generated from the layout must keep matching it. */
export const venuePatch = exactPartial({ name: text(120), city: text(80) });
export const artistPatch = exactPartial(artistShape);
export const agencyPatch = exactPartial(agencyShape);

const priceTier = z.strictObject({
  grade,
  price: z.number().int().min(0).max(100_000_000),
  currency: z.literal('KRW'),
});

export const MAX_SHOWS_PER_CONCERT = 10;

export const concertInput = exact({
  title: text(160),
  artistId: id,
  agencyId: id,
  venueId: id,
  genre: text(40).optional(),
  description: z.string().trim().max(4000).optional(),
  priceTiers: z
    .array(priceTier)
    .min(1)
    .max(20)
    .superRefine((tiers, ctx) => {
      const seen = new Set<string>();
      tiers.forEach((t, i) => {
        if (seen.has(t.grade)) ctx.addIssue({ code: 'custom', path: [i, 'grade'], message: `Grade ${t.grade} appears twice` });
        seen.add(t.grade);
      });
    }),
  shows: z.array(z.strictObject({ startsAt: z.iso.datetime() })).min(1).max(MAX_SHOWS_PER_CONCERT),
});

/**
 * Concert PATCH is a partial update of the descriptive fields. Venue, price tiers and shows are fixed once seats
 * exist (they were generated from them), so sending them is a validation error naming the field.
 */
export const concertPatch = exactPartial({
  title: text(160),
  artistId: id,
  agencyId: id,
  genre: text(40),
  description: z.string().trim().max(4000),
});

export type ArtistInput = z.output<typeof artistInput>;
export type AgencyInput = z.output<typeof agencyInput>;
export type VenueInput = z.output<typeof venueInput>;
export type VenuePatch = z.output<typeof venuePatch>;
export type ArtistPatch = z.output<typeof artistPatch>;
export type AgencyPatch = z.output<typeof agencyPatch>;
export type ConcertInput = z.output<typeof concertInput>;
export type ConcertPatch = z.output<typeof concertPatch>;

/** `GET /v1/concerts`. Unknown query parameters are ignored (clients add cache-busters). */
export const searchQuery = z
  .object({
    q: z.string().trim().max(100).optional().transform((v) => v || undefined),
    artistId: id.optional(),
    agencyId: id.optional(),
    venueId: id.optional(),
    genre: z.string().trim().min(1).max(40).optional(),
    from: z.iso.datetime().optional(),
    to: z.iso.datetime().optional(),
    onSale: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    sort: z.enum(SORTS).default('startsAt'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && Date.parse(q.from) > Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
  });

/** Paged lists of artists, agencies and venues. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(2000).optional(),
});

export const idempotencyKey = z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'Use printable ASCII without spaces');

export const concertParams = z.object({ concertId: id });
export const showParams = z.object({ concertId: id, showId: id });
export const artistParams = z.object({ artistId: id });
export const agencyParams = z.object({ agencyId: id });
export const venueParams = z.object({ venueId: id });

/** `GET …/seats`: one section's pages (`section`) or a page after a cursor; unknown parameters are ignored. */
export const seatPageQuery = z.object({
  section: z.string().trim().min(1).max(8).optional(),
  cursor: z.string().min(1).max(200).optional(),
});
