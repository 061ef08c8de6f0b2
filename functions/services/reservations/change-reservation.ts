import type { Reservation, ReservationStatus } from '#domain/reservations/reservation';
import { withNewIntent } from '#domain/reservations/payment-attempt';
import { transition, type TransitionInput } from '#domain/reservations/state-machine';
import type { Clock } from '#platform/clock';
import { DomainError, notFound } from '#domain/errors';
import { logger } from '#platform/logger';
import type { HoldDeadlines, ReservationReader, ReservationTransitions } from './ports';

const MAX_ATTEMPTS = 3;
/** After these the deadline execution has nothing left to watch. */
const SETTLED: readonly ReservationStatus[] = ['CONFIRMED', 'CANCELLED'];

/**
 * Moves a reservation through the state machine: read, check the move (INVALID_TRANSITION otherwise), write it
 * with its seats conditioned on status and version. When a concurrent change wins, the move is re-checked
 * against the new state — so pay, expire and cancel racing each other have exactly one winner. For the payment
 * and cancellation flows (the table's change stream announces each committed move as its events): `change(id, 'PAYING', { paymentExpiresAt, paymentIntentId })`, `change(id, 'CONFIRMED')`, …
 */
export function changeReservation(deps: ChangeDeps) {
  return function change(reservationId: string, to: ReservationStatus, input: Omit<TransitionInput, 'at'> = {}): Promise<Reservation> {
    return writeStep(deps, reservationId, (current, at) => transition(current, to, { ...input, at }));
  };
}

/** A PAYING reservation retrying with a new intent: the same conditional write, without a change of status. */
export function attachPaymentIntent(deps: ChangeDeps) {
  return (reservationId: string, intentId: string): Promise<Reservation> => writeStep(deps, reservationId, (current, at) => withNewIntent(current, intentId, at));
}

type ChangeDeps = { reservations: ReservationReader; transitions: ReservationTransitions; deadlines: HoldDeadlines; clock: Clock };

async function writeStep(deps: ChangeDeps, reservationId: string, step: (current: Reservation, at: Date) => Reservation): Promise<Reservation> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await deps.reservations.get(reservationId);
    if (!current) throw notFound('Reservation', reservationId);
    const next = step(current, deps.clock.now());
    const outcome = await deps.transitions.apply(current, next);
    if (outcome.ok) {
      if (SETTLED.includes(next.status)) await stopDeadline(deps, next.reservationId);
      return next;
    }
    if (outcome.reason === 'SEATS_LOST') {
      throw new DomainError('SEAT_UNAVAILABLE', `Seat${outcome.seatIds.length > 1 ? 's' : ''} ${outcome.seatIds.join(', ')} no longer held by this reservation`, { seatIds: outcome.seatIds });
    }
  }
  throw new DomainError('CONFLICT', 'The reservation kept changing; try again', { reservationId }, 1);
}

/** Best effort: the expiry task's conditional write is what keeps a settled reservation safe. */
async function stopDeadline(deps: { deadlines: HoldDeadlines }, reservationId: string): Promise<void> {
  await deps.deadlines.stop(reservationId).catch((error: unknown) => logger.warn('deadline execution not stopped', { reservationId, error: error as Error }));
}
