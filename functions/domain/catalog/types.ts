/**
 * The catalog's stored shapes. Ids are ULIDs, money is integer minor units with `currency`, times ISO-8601 UTC.
 * Responses echo these objects; each carries its own `<entity>Id`, as `concertId`/`showId`/`seatId` do elsewhere.
 */
export interface Artist {
  artistId: string;
  name: string;
  genre: string;
  createdAt: string;
  updatedAt: string;
}

export interface Agency {
  agencyId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface LayoutSection {
  name: string;
  grade: string;
  rows: number;
  seatsPerRow: number;
}

export interface Venue {
  venueId: string;
  name: string;
  city: string;
  layout: { sections: LayoutSection[] };
  capacity: number;
  createdAt: string;
  updatedAt: string;
}

export interface PriceTier {
  grade: string;
  price: number;
  currency: string;
}

export interface Show {
  showId: string;
  startsAt: string;
}

/** GENERATING until every show's seats exist; only READY concerts are visible to the public. */
export type ConcertStatus = 'GENERATING' | 'READY';

export interface Concert {
  concertId: string;
  title: string;
  artistId: string;
  agencyId: string;
  venueId: string;
  genre: string;
  description: string;
  priceTiers: PriceTier[];
  shows: Show[];
  status: ConcertStatus;
  createdAt: string;
  updatedAt: string;
}

export { SEAT_STATUSES, type Seat, type SeatStatus } from '#domain/seat';

/** The sales-policy item as the holds capability stores it (PUT /v1/concerts/{id}/sales-policy). */
export interface StoredSalesPolicy {
  presaleStartAt?: string;
  presaleEndAt?: string;
  presaleMinimumTier?: string;
  presaleCodes?: string[];
  generalSaleStartAt?: string;
  maxTicketsPerUser?: number;
  holdTtlSeconds?: number;
  paymentTtlSeconds?: number;
  refundCutoffHours?: number;
}
