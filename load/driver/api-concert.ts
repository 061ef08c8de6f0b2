/** POSTs an admin create call and returns the created object; the caller decides how a failure is reported. */
export type AdminCreate = (path: string, body: unknown) => Promise<Record<string, unknown>>;

/**
 * A one-show concert with one section (grade R), created through the admin API as an operator would: venue, artist,
 * agency, concert. Shared by the fault-injection tests and bench:faults.
 */
export async function createOneShowConcert(create: AdminCreate, name: string, section: { rows: number; seatsPerRow: number }): Promise<{ concertId: string; showId: string }> {
  const venue = await create('/admin/venues', { name: `${name} Hall`, city: 'Seoul', layout: { sections: [{ name: 'A', grade: 'R', ...section }] } });
  const artist = await create('/admin/artists', { name: `${name} Band`, genre: 'K-POP' });
  const agency = await create('/admin/agencies', { name: `${name} Ent` });
  const concert = await create('/admin/concerts', {
    title: `${name} Concert`,
    artistId: artist.artistId,
    agencyId: agency.agencyId,
    venueId: venue.venueId,
    priceTiers: [{ grade: 'R', price: 110000, currency: 'KRW' }],
    shows: [{ startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }],
  });
  return { concertId: concert.concertId as string, showId: (concert.shows as Array<{ showId: string }>)[0]!.showId };
}
