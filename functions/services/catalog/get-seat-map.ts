import { notFound } from '#domain/errors';
import { buildSeatMap, type SeatMap } from '#domain/catalog/seat-map';
import type { CatalogDeps } from './ports';
import { singleFlight } from './single-flight';

const builds = singleFlight<SeatMap | undefined>();

async function build(deps: CatalogDeps, showId: string): Promise<SeatMap | undefined> {
  const seats = await deps.seats.seatsOfShow(showId);
  const first = seats[0];
  return first ? buildSeatMap({ concertId: first.concertId, showId }, seats, deps.clock.now()) : undefined;
}

/** With caching off (the benchmark's baseline) every read queries DynamoDB, uncoalesced. */
function rebuild(deps: CatalogDeps, showId: string): Promise<SeatMap | undefined> {
  if (!deps.cacheEnabled()) return build(deps, showId);
  return builds(showId, async () => {
    const built = await build(deps, showId);
    if (built) await deps.seatMaps.write(showId, built);
    return built;
  });
}

/**
 * The seat map of a show with counts per status and grade, read stale-while-revalidate through Redis (see
 * catalog-seat-map-cache.ts): a fresh map is served as is; a stale one is served to everyone but the one reader
 * that won the refresh, who rebuilds it; with nothing cached, the container's concurrent readers share one build.
 */
export async function getSeatMap(deps: CatalogDeps, concertId: string, showId: string): Promise<SeatMap> {
  const cached = deps.cacheEnabled() ? await deps.seatMaps.read(showId) : undefined;
  const map =
    cached && (cached.fresh || !(await deps.seatMaps.claimRefresh(showId))) ? cached.map : await rebuild(deps, showId);
  if (!map || map.concertId !== concertId) throw notFound('Show', showId);
  return map;
}
