import type { Capability, HttpMethod, RestRoute } from './types';

const publicRead = (path: string, handler: string, notes?: string): RestRoute => ({
  method: 'GET',
  path,
  handler: `http/catalog.${handler}`,
  auth: 'public',
  needs: ['tableRead', 'redis'],
  ...(notes ? { notes } : {}),
});

const SEATS_NOTES =
  'Pages of at most 5,000 seats: `{showId, concertId, version, currency, seats[], counts, nextCursor}`; `counts` cover the whole show. ' +
  'Without `section` pages walk every section in layout order; with it they stay inside that section (a cursor keeps the filter it was issued under). ' +
  'An unknown section or a cursor this listing did not issue is 400 naming `section`/`cursor`. Statuses come from the same versioned bits as `availability`.';
const LAYOUT_NOTES =
  'Static per show: `{showId, version, sections[{name, grade, price, currency, rows, seatsPerRow}]}`. `ETag` is `"<version>"` (a content hash) and ' +
  '`Cache-Control: public, max-age=86400`; `If-None-Match` with the current tag answers 304 without a body.';
const AVAILABILITY_NOTES =
  'Live: `{showId, version, sections[{name, available, held, sold, bits}]}`, `bits` = base64 of 2 bits a seat (00 AVAILABLE, 01 HELD, 10 SOLD), ' +
  'row-major, first seat in the high bits of the first byte. A hold past its deadline reads AVAILABLE. `ETag` is `"<version>"` and ' +
  '`Cache-Control: public, no-cache`; `If-None-Match` with the current version answers 304. Bodies of 1 KiB or more are gzip-compressed for clients ' +
  'that send `Accept-Encoding: gzip`. Versions only grow: after a lost cache the next one starts at the rebuild time in epoch ms.';

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
    publicRead('/v1/concerts/{concertId}/shows/{showId}/seats', 'getSeatMap', SEATS_NOTES),
    publicRead('/v1/concerts/{concertId}/shows/{showId}/layout', 'getLayout', LAYOUT_NOTES),
    publicRead('/v1/concerts/{concertId}/shows/{showId}/availability', 'getAvailability', AVAILABILITY_NOTES),
    publicRead('/v1/artists', 'listArtists'),
    publicRead('/v1/agencies', 'listAgencies'),
    publicRead('/v1/venues', 'listVenues'),
    ...adminCrud('concerts', 'concert'),
    ...adminCrud('artists', 'artist'),
    ...adminCrud('agencies', 'agency'),
    ...adminCrud('venues', 'venue'),
  ],
};
