import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import * as adminApi from '../../../functions/http/admin-catalog';
import { admin, invoke } from '../../helpers/api-event';

/** A unique tag per call, so tests sharing one table and one Redis never see each other's concerts. */
export const tag = () => randomUUID().slice(0, 8);

export const smallLayout = {
  sections: [
    { name: 'A', grade: 'VIP', rows: 2, seatsPerRow: 5 },
    { name: 'B', grade: 'R', rows: 3, seatsPerRow: 4 },
  ],
};
export const smallLayoutCapacity = 2 * 5 + 3 * 4;
export const smallPrices = [
  { grade: 'VIP', price: 198000, currency: 'KRW' },
  { grade: 'R', price: 154000, currency: 'KRW' },
];

async function post(handler: keyof typeof adminApi, resource: string, body: unknown) {
  const res = await invoke(adminApi[handler], { method: 'POST', resource, body, principal: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export const createArtist = (name: string, genre = 'K-POP') => post('createArtist', '/v1/admin/artists', { name, genre });
export const createAgency = (name: string) => post('createAgency', '/v1/admin/agencies', { name });
export const createVenue = (name: string, city = 'Seoul', layout = smallLayout) => post('createVenue', '/v1/admin/venues', { name, city, layout });

export interface World {
  artistId: string;
  agencyId: string;
  venueId: string;
}

export async function createWorld(names: { artist: string; agency: string; venue: string; city?: string }): Promise<World> {
  const [artist, agency, venue] = await Promise.all([createArtist(names.artist), createAgency(names.agency), createVenue(names.venue, names.city)]);
  return { artistId: artist.artistId, agencyId: agency.agencyId, venueId: venue.venueId };
}

export function concertBody(world: World, title: string, shows: string[] = ['2026-12-24T11:00:00.000Z'], prices = smallPrices) {
  return { title, ...world, priceTiers: prices, shows: shows.map((startsAt) => ({ startsAt })) };
}

export const createConcert = (world: World, title: string, shows?: string[], prices?: typeof smallPrices) =>
  post('createConcert', '/v1/admin/concerts', concertBody(world, title, shows, prices));
