import { notFound } from '#domain/errors';
import { concertDetail, type ConcertDetail, type ConcertDetailParts } from '#domain/catalog/concert-detail';
import type { CatalogDeps } from './ports';
import { singleFlight } from './single-flight';

const loads = singleFlight<ConcertDetailParts | undefined>();

async function loadParts(deps: CatalogDeps, concertId: string): Promise<ConcertDetailParts | undefined> {
  const concert = await deps.store.get('CONCERT', concertId);
  if (!concert || concert.status !== 'READY') return undefined;
  const [artist, agency, venue, policy] = await Promise.all([
    deps.store.get('ARTIST', concert.artistId),
    deps.store.get('AGENCY', concert.agencyId),
    deps.store.get('VENUE', concert.venueId),
    deps.store.salesPolicy(concertId),
  ]);
  if (!artist || !agency || !venue) return undefined;
  return { concert, artist, agency, venue, policy };
}

/** Concert detail, read through the per-concert cache; only published (READY) concerts exist for the public. */
export async function getConcert(deps: CatalogDeps, concertId: string): Promise<ConcertDetail> {
  const parts = deps.cacheEnabled()
    ? ((await deps.details.get(concertId)) ??
      (await loads(concertId, async () => {
        const loaded = await loadParts(deps, concertId);
        if (loaded) await deps.details.set(concertId, loaded);
        return loaded;
      })))
    : await loadParts(deps, concertId);
  if (!parts) throw notFound('Concert', concertId);
  return concertDetail(parts, deps.clock.now());
}
