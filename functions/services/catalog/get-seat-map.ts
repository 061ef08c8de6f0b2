import { notFound } from '#platform/errors';
import { buildSeatMap, type SeatMap } from '#domain/catalog/seat-map';
import type { CatalogDeps } from './compose';
import { singleFlight } from './single-flight';

const loads = singleFlight<SeatMap | undefined>();

/**
 * The seat map of a show with counts per status and grade. Read through a ≤ 1 s Redis cache (see
 * catalog-seat-map-cache.ts) and coalesced per container, so a rush of readers does not query DynamoDB each time.
 */
export async function getSeatMap(deps: CatalogDeps, concertId: string, showId: string): Promise<SeatMap> {
  const cached = deps.cacheEnabled() ? await deps.seatMaps.get(showId) : undefined;
  const map =
    cached ??
    (await loads(showId, async () => {
      const seats = await deps.seats.seatsOfShow(showId);
      const first = seats[0];
      if (!first) return undefined;
      const built = buildSeatMap({ concertId: first.concertId, showId }, seats, deps.clock.now());
      if (deps.cacheEnabled()) await deps.seatMaps.set(showId, built);
      return built;
    }));
  if (!map || map.concertId !== concertId) throw notFound('Show', showId);
  return map;
}
