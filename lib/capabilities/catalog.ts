import type { Capability, HttpMethod, RestRoute } from './types';

const publicRead = (path: string, handler: string): RestRoute => ({
  method: 'GET',
  path,
  handler: `http/catalog.${handler}`,
  auth: 'public',
  needs: ['table', 'redis'],
});

const admin = (method: HttpMethod, path: string, handler: string): RestRoute => ({
  method,
  path,
  handler: `http/admin-catalog.${handler}`,
  auth: 'admin',
  needs: ['table', 'redis'],
});

/** Admin create / patch / delete of one catalog entity: `/v1/admin/<plural>` and `/v1/admin/<plural>/{<name>Id}`. */
const adminCrud = (plural: string, singular: string): RestRoute[] => {
  const Name = singular[0]?.toUpperCase() + singular.slice(1);
  const item = `/v1/admin/${plural}/{${singular}Id}`;
  return [
    admin('POST', `/v1/admin/${plural}`, `create${Name}`),
    admin('PATCH', item, `update${Name}`),
    admin('DELETE', item, `delete${Name}`),
  ];
};

export const catalog: Capability = {
  name: 'catalog',
  routes: [
    publicRead('/v1/concerts', 'listConcerts'),
    publicRead('/v1/concerts/{concertId}', 'getConcert'),
    publicRead('/v1/concerts/{concertId}/shows/{showId}/seats', 'getSeatMap'),
    publicRead('/v1/concerts/{concertId}/shows/{showId}/layout', 'getLayout'),
    publicRead('/v1/concerts/{concertId}/shows/{showId}/availability', 'getAvailability'),
    publicRead('/v1/artists', 'listArtists'),
    publicRead('/v1/agencies', 'listAgencies'),
    publicRead('/v1/venues', 'listVenues'),
    ...adminCrud('concerts', 'concert'),
    ...adminCrud('artists', 'artist'),
    ...adminCrud('agencies', 'agency'),
    ...adminCrud('venues', 'venue'),
  ],
};
