import * as z from 'zod/mini';
import { normalizeText } from '#domain/catalog/normalize-text';
import type { Concert, Show } from '#domain/catalog/types';
import type { Entities, EntityKind } from '#services/catalog/ports';
import { gsi1, keys } from '../keys';
import { GSI1, recordOf, schemaOnce } from './item';

/**
 * The catalog's items (key design: ../keys.ts).
 * - artist / agency / venue: PK `<KIND>#<id>`, SK `<KIND>`; GSI1 `CATALOG#<KIND>` / `<folded name>#<id>` lists
 *   them by name (folded so `aespa` sorts beside `AESPA`).
 * - concert: PK `CONCERT#<id>`, SK `CONCERT`; GSI1 `CATALOG#CONCERT` / `<id>` lists every concert, the source of
 *   the search projection. The concert item carries its shows, so the projection needs no per-concert query.
 * - show: PK `CONCERT#<id>`, SK `SHOW#<showId>`; GSI1 `SHOW#<showId>` / `SHOW` finds a show's concert by show id.
 */
export const CATALOG_LIST_INDEX = GSI1;

export const catalogKey: { [K in EntityKind]: (id: string) => { PK: string; SK: string } } = {
  ARTIST: keys.artist,
  AGENCY: keys.agency,
  VENUE: keys.venue,
  CONCERT: keys.concert,
};

const idOf: { [K in EntityKind]: (entity: Entities[K]) => string } = {
  ARTIST: (a) => a.artistId,
  AGENCY: (a) => a.agencyId,
  VENUE: (v) => v.venueId,
  CONCERT: (c) => c.concertId,
};

/** GSI1SK of a catalog list: by folded name, concerts by id. */
export const listSortKey = (kind: EntityKind, id: string, name: unknown) => (kind === 'CONCERT' ? id : `${normalizeText(String(name))}#${id}`);

const STORAGE = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity'] as const;

const schemas = /* @__PURE__ */ schemaOnce(() => {
  const stamps = { createdAt: z.string(), updatedAt: z.string() };
  return {
    ARTIST: z.looseObject({ artistId: z.string(), name: z.string(), genre: z.string(), ...stamps }),
    AGENCY: z.looseObject({ agencyId: z.string(), name: z.string(), ...stamps }),
    VENUE: z.looseObject({
      venueId: z.string(),
      name: z.string(),
      city: z.string(),
      layout: z.looseObject({
        sections: z.array(z.looseObject({ name: z.string(), grade: z.string(), rows: z.number(), seatsPerRow: z.number() })),
      }),
      capacity: z.number(),
      ...stamps,
    }),
    CONCERT: z.looseObject({
      concertId: z.string(),
      title: z.string(),
      artistId: z.string(),
      agencyId: z.string(),
      venueId: z.string(),
      genre: z.string(),
      description: z.string(),
      priceTiers: z.array(z.looseObject({ grade: z.string(), price: z.number(), currency: z.string() })),
      shows: z.array(z.looseObject({ showId: z.string(), startsAt: z.string() })),
      status: z.enum(['GENERATING', 'READY']),
      ...stamps,
    }),
  };
});

const readers: { [K in EntityKind]: (item: Record<string, unknown>) => Entities[K] } = {
  ARTIST: (item) => recordOf('artist', () => schemas().ARTIST, item, STORAGE),
  AGENCY: (item) => recordOf('agency', () => schemas().AGENCY, item, STORAGE),
  VENUE: (item) => recordOf('venue', () => schemas().VENUE, item, STORAGE),
  CONCERT: (item) => recordOf('concert', () => schemas().CONCERT, item, STORAGE),
};

export function catalogEntityToItem<K extends EntityKind>(kind: K, entity: Entities[K]): Record<string, unknown> {
  const id = idOf[kind](entity);
  return {
    ...catalogKey[kind](id),
    GSI1PK: gsi1.catalogList(kind),
    GSI1SK: listSortKey(kind, id, 'name' in entity ? entity.name : undefined),
    entity: kind,
    ...entity,
  };
}

export const catalogEntityFromItem = <K extends EntityKind>(kind: K, item: Record<string, unknown>): Entities[K] => readers[kind](item);

/** The show item: what finding a show by id needs, without reading its concert. */
export function showToItem(concert: Pick<Concert, 'concertId' | 'venueId'>, show: Show, seatCount: number): Record<string, unknown> {
  return {
    ...keys.show(concert.concertId, show.showId),
    ...gsi1.showById(show.showId),
    entity: 'SHOW',
    concertId: concert.concertId,
    venueId: concert.venueId,
    showId: show.showId,
    startsAt: show.startsAt,
    seatCount,
  };
}
