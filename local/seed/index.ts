import { recordPopularity } from '#adapters/redis/catalog-popularity';
import { catalogDeps, type CatalogDeps } from '#composition/catalog';
import { createConcert } from '#services/catalog/create-concert';
import { createAgency, createArtist, createVenue } from '#services/catalog/manage-entities';
import { demoAgencies, demoArtists, demoConcerts, demoPrices, demoVenues } from './demo-catalog';

/**
 * Seeds the demo catalog through the catalog services, with the handlers' environment already set (the local
 * cloud calls it after its services start). Idempotent across restarts: entities are found by name before they
 * are created, a concert whose title exists is skipped, and concert creation runs under an Idempotency-Key so a
 * seed interrupted half-way resumes its seats instead of duplicating them.
 */
async function findOrCreate<T extends { name: string }>(existing: T[], name: string, create: () => Promise<T>): Promise<T> {
  return existing.find((e) => e.name === name) ?? (await create());
}

const dayFromNextMonth = (now: Date, days: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1 + days, 10, 0, 0)).toISOString();

export async function seedDemoData(deps: CatalogDeps = catalogDeps()): Promise<void> {
  const [artists, agencies, venues, concerts] = await Promise.all([
    deps.store.listAll('ARTIST'),
    deps.store.listAll('AGENCY'),
    deps.store.listAll('VENUE'),
    deps.store.listAll('CONCERT'),
  ]);
  const agencyIds: string[] = [];
  for (const name of demoAgencies) agencyIds.push((await findOrCreate(agencies, name, () => createAgency(deps, { name }))).agencyId);
  const artistIds: string[] = [];
  for (const a of demoArtists) artistIds.push((await findOrCreate(artists, a.name, () => createArtist(deps, a))).artistId);
  const venueIds: string[] = [];
  for (const v of demoVenues) venueIds.push((await findOrCreate(venues, v.name, () => createVenue(deps, v))).venueId);

  const now = deps.clock.now();
  for (const c of demoConcerts) {
    if (concerts.some((existing) => existing.title === c.title && existing.status === 'READY')) continue;
    const venue = demoVenues[c.venue];
    const grades = new Set(venue?.layout.sections.map((s) => s.grade));
    const concert = await createConcert(
      deps,
      {
        title: c.title,
        artistId: artistIds[c.artist] as string,
        agencyId: agencyIds[c.agency] as string,
        venueId: venueIds[c.venue] as string,
        description: `${c.title} — TicketRush demo concert`,
        priceTiers: demoPrices.filter((p) => grades.has(p.grade)),
        shows: c.days.map((d) => ({ startsAt: dayFromNextMonth(now, d) })),
      },
      `seed-${c.slug}-${now.getUTCFullYear()}-${now.getUTCMonth() + 1}`,
    );
    await recordPopularity(concert.concertId, c.popularity);
  }
}
