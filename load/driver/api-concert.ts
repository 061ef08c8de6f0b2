/** POSTs an admin create call and returns the created object; the caller decides how a failure is reported. */
export type AdminCreate = (path: string, body: unknown) => Promise<Record<string, unknown>>;

/**
 * A one-show concert with one section `A` (grade R), created through the admin API as an operator would: venue,
 * artist, agency, concert, named in Korean and English as the catalog's own data is. Shared by the end-to-end and
 * fault-injection tests, bench:faults and load:seats.
 */
export async function createOneShowConcert(create: AdminCreate, name: string, section: { rows: number; seatsPerRow: number }): Promise<{ concertId: string; showId: string }> {
  const venue = await create('/admin/venues', { name: `${name} 홀 Hall`, city: '서울 Seoul', layout: { sections: [{ name: 'A', grade: 'R', ...section }] } });
  const artist = await create('/admin/artists', { name: `${name} 밴드 Band`, genre: 'K-POP' });
  const agency = await create('/admin/agencies', { name: `${name} 엔터 Ent` });
  const concert = await create('/admin/concerts', {
    title: `${name} 콘서트 Concert`,
    artistId: artist.artistId,
    agencyId: agency.agencyId,
    venueId: venue.venueId,
    priceTiers: [{ grade: 'R', price: 110000, currency: 'KRW' }],
    shows: [{ startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString() }],
  });
  return { concertId: concert.concertId as string, showId: (concert.shows as Array<{ showId: string }>)[0]!.showId };
}
