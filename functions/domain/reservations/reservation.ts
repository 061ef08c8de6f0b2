import type { Tier } from '#domain/identity';
import type { SeatPlace } from '#domain/seat';

/** Lifecycle of a reservation; see state-machine.ts for the allowed moves. */
export const RESERVATION_STATUSES = ['HOLD', 'PAYING', 'CONFIRMED', 'EXPIRED', 'CANCELLED', 'REFUNDED'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** A seat as the reservation records it: a snapshot of the seat item at hold time. */
export type ReservedSeat = SeatPlace;

/** The stored reservation. `version` guards every transition; it never leaves the service layer. */
export interface Reservation {
  reservationId: string;
  userId: string;
  concertId: string;
  showId: string;
  seats: ReservedSeat[];
  amount: number;
  currency: string;
  status: ReservationStatus;
  heldAt: string;
  holdExpiresAt: string;
  paymentExpiresAt?: string;
  paymentIntentId?: string;
  confirmedAt?: string;
  expiredAt?: string;
  cancelledAt?: string;
  refundedAt?: string;
  version: number;
}

/** The `Reservation` of api.md. */
export type ReservationView = Omit<Reservation, 'version'>;

export function toView(reservation: Reservation): ReservationView {
  const { version: _version, ...view } = reservation;
  return view;
}

/** A priced seat offered for a hold. */
export interface SeatOffer extends ReservedSeat {
  concertId: string;
  currency: string;
}

export interface NewHold {
  reservationId: string;
  userId: string;
  tier: Tier;
  showId: string;
  seats: SeatOffer[];
  at: Date;
  holdTtlSeconds: number;
}

/** Builds a fresh HOLD: the amount is the sum of the seat prices, all in one currency. */
export function newHold(input: NewHold): Reservation {
  const [first] = input.seats;
  if (!first) throw new Error('a hold needs at least one seat');
  const currencies = new Set(input.seats.map((s) => s.currency));
  if (currencies.size > 1) throw new Error(`seats of one show priced in several currencies: ${[...currencies].join(', ')}`);
  return {
    reservationId: input.reservationId,
    userId: input.userId,
    concertId: first.concertId,
    showId: input.showId,
    seats: input.seats.map(({ seatId, section, row, number, grade, price }) => ({ seatId, section, row, number, grade, price })),
    amount: input.seats.reduce((sum, s) => sum + s.price, 0),
    currency: first.currency,
    status: 'HOLD',
    heldAt: input.at.toISOString(),
    holdExpiresAt: new Date(input.at.getTime() + input.holdTtlSeconds * 1000).toISOString(),
    version: 1,
  };
}
