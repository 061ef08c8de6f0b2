import { summarizeSalesPolicy, type SalesPolicySummary } from './sales-policy-summary';
import type { Agency, Artist, Concert, PriceTier, Show, StoredSalesPolicy, Venue } from './types';

/** What `GET /v1/concerts/{id}` cacheable part holds; the policy summary is computed per request from `policy`. */
export interface ConcertDetailParts {
  concert: Concert;
  artist: Artist;
  agency: Agency;
  venue: Venue;
  policy?: StoredSalesPolicy;
}

export interface ConcertDetail {
  concertId: string;
  title: string;
  genre: string;
  description: string;
  artist: { artistId: string; name: string; genre: string };
  agency: { agencyId: string; name: string };
  venue: { venueId: string; name: string; city: string; capacity: number; sections: Venue['layout']['sections'] };
  shows: Show[];
  priceTiers: PriceTier[];
  salesPolicy: SalesPolicySummary;
  createdAt: string;
  updatedAt: string;
}

/** The sale phase depends on the clock, so it is derived at read time and never cached. */
export function concertDetail(p: ConcertDetailParts, now: Date): ConcertDetail {
  const { concert, artist, agency, venue } = p;
  return {
    concertId: concert.concertId,
    title: concert.title,
    genre: concert.genre,
    description: concert.description,
    artist: { artistId: artist.artistId, name: artist.name, genre: artist.genre },
    agency: { agencyId: agency.agencyId, name: agency.name },
    venue: { venueId: venue.venueId, name: venue.name, city: venue.city, capacity: venue.capacity, sections: venue.layout.sections },
    shows: [...concert.shows].sort((a, b) => a.startsAt.localeCompare(b.startsAt)),
    priceTiers: concert.priceTiers,
    salesPolicy: summarizeSalesPolicy(p.policy, now),
    createdAt: concert.createdAt,
    updatedAt: concert.updatedAt,
  };
}
