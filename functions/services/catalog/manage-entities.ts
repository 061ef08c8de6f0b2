import { toIso } from '#platform/clock';
import { DomainError, notFound, validationFailed } from '#domain/errors';
import { capacityOf } from '#domain/catalog/seat-layout';
import type { AgencyInput, AgencyPatch, ArtistInput, ArtistPatch, VenueInput, VenuePatch } from '#domain/catalog/schemas';
import type { Agency, Artist, Venue } from '#domain/catalog/types';
import type { CatalogDeps } from './ports';
import { invalidateReads } from './invalidate-reads';
import type { Entities, Page } from './ports';

/** Artists, agencies and venues: admin create / patch / delete, and the public paged lists. */
type Kind = 'ARTIST' | 'AGENCY' | 'VENUE';
const LABEL: Record<Kind, string> = { ARTIST: 'Artist', AGENCY: 'Agency', VENUE: 'Venue' };
const REFERENCE: Record<Kind, 'artistId' | 'agencyId' | 'venueId'> = { ARTIST: 'artistId', AGENCY: 'agencyId', VENUE: 'venueId' };

function stamps(deps: CatalogDeps) {
  const now = toIso(deps.clock.now());
  return { createdAt: now, updatedAt: now };
}

async function create<K extends Kind>(deps: CatalogDeps, kind: K, entity: Entities[K]): Promise<Entities[K]> {
  await deps.store.create(kind, entity);
  return entity;
}

export const createArtist = (deps: CatalogDeps, input: ArtistInput): Promise<Artist> =>
  create(deps, 'ARTIST', { artistId: deps.ids.next(), ...input, ...stamps(deps) });

export const createAgency = (deps: CatalogDeps, input: AgencyInput): Promise<Agency> =>
  create(deps, 'AGENCY', { agencyId: deps.ids.next(), ...input, ...stamps(deps) });

export const createVenue = (deps: CatalogDeps, input: VenueInput): Promise<Venue> =>
  create(deps, 'VENUE', { venueId: deps.ids.next(), ...input, capacity: capacityOf(input.layout.sections), ...stamps(deps) });

export function requireChanges(patch: object): void {
  if (Object.values(patch).every((v) => v === undefined)) {
    throw validationFailed([{ in: 'body', path: '', message: 'Send at least one field to change' }]);
  }
}

/** Concerts that name this artist/agency/venue, read from the table (not the cache) so the answer is current. */
async function concertsReferencing(deps: CatalogDeps, kind: Kind, id: string): Promise<string[]> {
  const concerts = await deps.store.listAll('CONCERT');
  return concerts.filter((c) => c[REFERENCE[kind]] === id).map((c) => c.concertId);
}

/** PATCH: the fields sent replace the stored ones; fields not sent are kept. */
export async function updateEntity<K extends Kind>(
  deps: CatalogDeps,
  kind: K,
  id: string,
  patch: K extends 'ARTIST' ? ArtistPatch : K extends 'AGENCY' ? AgencyPatch : VenuePatch,
): Promise<Entities[K]> {
  requireChanges(patch);
  const updated = await deps.store.update(kind, id, { ...patch, updatedAt: toIso(deps.clock.now()) } as unknown as Partial<Entities[K]>);
  if (!updated) throw notFound(LABEL[kind], id);
  await invalidateReads(deps, await concertsReferencing(deps, kind, id));
  return updated;
}

/** Refused with 409 while a concert still names it: deleting would leave that concert dangling. */
export async function deleteEntity(deps: CatalogDeps, kind: Kind, id: string): Promise<void> {
  if (!(await deps.store.get(kind, id))) throw notFound(LABEL[kind], id);
  const concertIds = await concertsReferencing(deps, kind, id);
  if (concertIds.length > 0) {
    throw new DomainError('CONFLICT', `${LABEL[kind]} ${id} is used by ${concertIds.length} concert(s); delete them first`, { concertIds });
  }
  await deps.store.remove(kind, id);
}

export const listEntities = <K extends Kind>(deps: CatalogDeps, kind: K, limit: number, cursor?: string): Promise<Page<Entities[K]>> =>
  deps.store.list(kind, limit, cursor);
