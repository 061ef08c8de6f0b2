import type { Reservation, ReservationStatus } from '#domain/reservations/reservation';
import { deadlineOf, transition } from '#domain/reservations/state-machine';
import type { Clock } from '#platform/clock';
import type { ReservationReader, ReservationReleaser } from './ports';

export type DeadlinePhase = 'HOLD' | 'PAYING';

/** What the hold-deadline state machine reads back (see HoldDeadlinesDefinition). */
export interface ExpireResult {
  status: ReservationStatus | 'NOT_FOUND';
  paymentExpiresAt?: string;
}

/**
 * A timer may fire a hair before the deadline (clock skew between Step Functions and Lambda); expiring within this
 * grace is kinder than leaving a hold that no timer will look at again.
 */
const EARLY_GRACE_MS = 1000;
const MAX_ATTEMPTS = 3;

/**
 * Expires a reservation whose deadline for `phase` has come, freeing its seats. A no-op when it has moved on
 * (paid, cancelled, already expired): the write is conditioned on status and version, so a race with payment
 * has exactly one winner, and the loser re-reads and reports what happened. `ReservationExpired` and `SeatsReleased`
 * follow from the committed write through the table's change stream.
 */
export function expireReservation(deps: { reservations: ReservationReader; releaser: ReservationReleaser; clock: Clock }) {
  return async function expire(reservationId: string, phase: DeadlinePhase): Promise<ExpireResult> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const current = await deps.reservations.get(reservationId);
      if (!current) return { status: 'NOT_FOUND' };
      const deadline = deadlineOf(current);
      const now = deps.clock.now();
      if (current.status !== phase || !deadline || now.getTime() < Date.parse(deadline) - EARLY_GRACE_MS) return resultOf(current);
      const next = transition(current, 'EXPIRED', { at: new Date(Math.max(now.getTime(), Date.parse(deadline))) });
      const outcome = await deps.releaser.release(current, next);
      if (outcome.ok) return resultOf(next);
    }
    const final = await deps.reservations.get(reservationId);
    return final ? resultOf(final) : { status: 'NOT_FOUND' };
  };
}

function resultOf(r: Reservation): ExpireResult {
  return r.status === 'PAYING' && r.paymentExpiresAt ? { status: r.status, paymentExpiresAt: r.paymentExpiresAt } : { status: r.status };
}
