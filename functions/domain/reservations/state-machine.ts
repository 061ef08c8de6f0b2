import { DomainError, invalidTransition } from '#domain/errors';
import type { Reservation, ReservationStatus } from './reservation';

/**
 * HOLD → PAYING → CONFIRMED; HOLD|PAYING → EXPIRED at their deadline; HOLD → CANCELLED;
 * CONFIRMED → CANCELLED → REFUNDED. Anything else is INVALID_TRANSITION.
 */
const NEXT: Record<ReservationStatus, readonly ReservationStatus[]> = {
  HOLD: ['PAYING', 'EXPIRED', 'CANCELLED'],
  PAYING: ['CONFIRMED', 'EXPIRED'],
  CONFIRMED: ['CANCELLED'],
  CANCELLED: ['REFUNDED'],
  EXPIRED: [],
  REFUNDED: [],
};

export const allowedNext = (from: ReservationStatus): readonly ReservationStatus[] => NEXT[from];

/** The moves that give the seats back (and the buyer's ticket allowance). */
export const releasesSeats = (to: ReservationStatus): boolean => to === 'EXPIRED' || to === 'CANCELLED';

/** The instant after which a HOLD or PAYING reservation is due to expire; undefined for other states. */
export function deadlineOf(r: Reservation): string | undefined {
  if (r.status === 'HOLD') return r.holdExpiresAt;
  if (r.status === 'PAYING') return r.paymentExpiresAt;
  return undefined;
}

export interface TransitionInput {
  at: Date;
  /** Required to move to PAYING. */
  paymentExpiresAt?: Date;
  paymentIntentId?: string;
}

/**
 * Returns the reservation after moving to `to`, with `version + 1` and the timestamp that records the move.
 * Throws INVALID_TRANSITION for a move the lifecycle does not allow, including deadline violations
 * (paying a lapsed hold, expiring before the deadline) and refunding a reservation that was never paid.
 */
export function transition(r: Reservation, to: ReservationStatus, input: TransitionInput): Reservation {
  if (!NEXT[r.status].includes(to)) throw invalidTransition(r.status, to);
  const at = input.at.toISOString();
  const next: Reservation = { ...r, status: to, version: r.version + 1 };
  switch (to) {
    case 'PAYING': {
      if (at >= r.holdExpiresAt) throw invalidTransition(r.status, to);
      if (!input.paymentExpiresAt) throw new DomainError('INTERNAL', 'moving to PAYING needs paymentExpiresAt');
      next.paymentExpiresAt = input.paymentExpiresAt.toISOString();
      if (input.paymentIntentId) next.paymentIntentId = input.paymentIntentId;
      return next;
    }
    case 'CONFIRMED':
      next.confirmedAt = at;
      return next;
    case 'EXPIRED': {
      const deadline = deadlineOf(r);
      if (!deadline || at < deadline) throw invalidTransition(r.status, to);
      next.expiredAt = at;
      return next;
    }
    case 'CANCELLED':
      next.cancelledAt = at;
      return next;
    case 'REFUNDED':
      if (!r.confirmedAt) throw invalidTransition(r.status, to);
      next.refundedAt = at;
      return next;
    case 'HOLD':
      throw invalidTransition(r.status, to);
  }
}
