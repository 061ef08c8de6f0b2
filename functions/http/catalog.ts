import { httpHandler } from '#platform/http';
import { concertParams, listQuery, searchQuery, seatPageQuery, showParams } from '#domain/catalog/schemas';
import { catalogDeps } from '#composition/catalog';
import { getConcert as readConcert } from '#services/catalog/get-concert';
import { listEntities } from '#services/catalog/manage-entities';
import { readAvailability, readLayout, readSeatPage } from '#services/catalog/seat-map-reads';
import { searchConcerts } from '#services/catalog/search-concerts';
import { conditionalReply, entityTag } from './conditional';

/** Public catalog reads (api.md, Catalog). One export per route. */
export const listConcerts = httpHandler({ auth: 'public', query: searchQuery }, ({ query }) => searchConcerts(catalogDeps(), query));

export const getConcert = httpHandler({ auth: 'public', params: concertParams }, ({ params }) => readConcert(catalogDeps(), params.concertId));

/** Small shows only; pages of ≤ 5,000 seats. Big venues use layout + availability. */
export const getSeatMap = httpHandler({ auth: 'public', params: showParams, query: seatPageQuery }, ({ params, query }) =>
  readSeatPage(catalogDeps(), params.concertId, params.showId, query),
);

/** Static per show: cached for a day anywhere (the ETag is a hash of the content). */
export const getLayout = httpHandler({ auth: 'public', params: showParams }, async ({ params, headers }) =>
  conditionalReply(await readLayout(catalogDeps(), params.concertId, params.showId, entityTag(headers)), 'public, max-age=86400'),
);

/** Live: caches may keep it but revalidate every time (If-None-Match → 304 while the version holds). */
export const getAvailability = httpHandler({ auth: 'public', params: showParams }, async ({ params, headers }) =>
  conditionalReply(await readAvailability(catalogDeps(), params.concertId, params.showId, entityTag(headers)), 'public, no-cache'),
);

export const listArtists = httpHandler({ auth: 'public', query: listQuery }, ({ query }) =>
  listEntities(catalogDeps(), 'ARTIST', query.limit, query.cursor),
);

export const listAgencies = httpHandler({ auth: 'public', query: listQuery }, ({ query }) =>
  listEntities(catalogDeps(), 'AGENCY', query.limit, query.cursor),
);

export const listVenues = httpHandler({ auth: 'public', query: listQuery }, ({ query }) =>
  listEntities(catalogDeps(), 'VENUE', query.limit, query.cursor),
);
