import { validationFailed } from '#domain/errors';
import { created, httpHandler, noContent } from '#platform/http';
import {
  agencyInput,
  agencyParams,
  agencyPatch,
  artistInput,
  artistParams,
  artistPatch,
  concertInput,
  concertParams,
  concertPatch,
  idempotencyKey,
  venueInput,
  venueParams,
  venuePatch,
} from '#domain/catalog/schemas';
import { catalogDeps } from '#composition/catalog';
import { createConcert as create } from '#services/catalog/create-concert';
import { deleteConcert as remove } from '#services/catalog/delete-concert';
import { createAgency as newAgency, createArtist as newArtist, createVenue as newVenue, deleteEntity, updateEntity } from '#services/catalog/manage-entities';
import { updateConcert as update } from '#services/catalog/update-concert';

/** ADMIN catalog writes (api.md, Catalog). The gateway's authorizer answers 401; `auth: 'admin'` answers USER with 403. */
export const createArtist = httpHandler({ auth: 'admin', body: artistInput }, async ({ body }) => created(await newArtist(catalogDeps(), body)));
export const updateArtist = httpHandler({ auth: 'admin', params: artistParams, body: artistPatch }, ({ params, body }) =>
  updateEntity(catalogDeps(), 'ARTIST', params.artistId, body),
);
export const deleteArtist = httpHandler({ auth: 'admin', params: artistParams }, async ({ params }) => {
  await deleteEntity(catalogDeps(), 'ARTIST', params.artistId);
  return noContent();
});

export const createAgency = httpHandler({ auth: 'admin', body: agencyInput }, async ({ body }) => created(await newAgency(catalogDeps(), body)));
export const updateAgency = httpHandler({ auth: 'admin', params: agencyParams, body: agencyPatch }, ({ params, body }) =>
  updateEntity(catalogDeps(), 'AGENCY', params.agencyId, body),
);
export const deleteAgency = httpHandler({ auth: 'admin', params: agencyParams }, async ({ params }) => {
  await deleteEntity(catalogDeps(), 'AGENCY', params.agencyId);
  return noContent();
});

export const createVenue = httpHandler({ auth: 'admin', body: venueInput }, async ({ body }) => created(await newVenue(catalogDeps(), body)));
export const updateVenue = httpHandler({ auth: 'admin', params: venueParams, body: venuePatch }, ({ params, body }) =>
  updateEntity(catalogDeps(), 'VENUE', params.venueId, body),
);
export const deleteVenue = httpHandler({ auth: 'admin', params: venueParams }, async ({ params }) => {
  await deleteEntity(catalogDeps(), 'VENUE', params.venueId);
  return noContent();
});

/** Accepts `Idempotency-Key`: a replay returns the same concert, a retry after a failure finishes the seats. */
export const createConcert = httpHandler({ auth: 'admin', body: concertInput }, async ({ body, headers }) => {
  const raw = headers['idempotency-key'];
  const key = raw === undefined ? undefined : idempotencyKey.safeParse(raw);
  if (key && !key.success) throw validationFailed([{ in: 'header', path: 'Idempotency-Key', message: key.error.issues[0]?.message ?? 'Invalid' }]);
  return created(await create(catalogDeps(), body, key?.data));
});
export const updateConcert = httpHandler({ auth: 'admin', params: concertParams, body: concertPatch }, ({ params, body }) =>
  update(catalogDeps(), params.concertId, body),
);
export const deleteConcert = httpHandler({ auth: 'admin', params: concertParams }, async ({ params }) => {
  await remove(catalogDeps(), params.concertId);
  return noContent();
});
