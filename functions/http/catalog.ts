import { httpHandler } from '#platform/http';
import { concertParams, listQuery, searchQuery, showParams } from '#domain/catalog/schemas';
import { catalogDeps } from '#composition/catalog';
import { getConcert as readConcert } from '#services/catalog/get-concert';
import { getSeatMap as readSeatMap } from '#services/catalog/get-seat-map';
import { listEntities } from '#services/catalog/manage-entities';
import { searchConcerts } from '#services/catalog/search-concerts';

/** Public catalog reads (api.md, Catalog). One export per route. */
export const listConcerts = httpHandler({ auth: 'public', query: searchQuery }, ({ query }) => searchConcerts(catalogDeps(), query));

export const getConcert = httpHandler({ auth: 'public', params: concertParams }, ({ params }) => readConcert(catalogDeps(), params.concertId));

export const getSeatMap = httpHandler({ auth: 'public', params: showParams }, ({ params }) =>
  readSeatMap(catalogDeps(), params.concertId, params.showId),
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
