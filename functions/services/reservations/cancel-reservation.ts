import type { Principal } from '#domain/identity';
import type { Reservation } from '#domain/reservations/reservation';
import { invalidTransition } from '#domain/errors';
import type { CompleteRefund, RefundGuard } from './refund-payment';

export interface CancelDeps {
  find: (principal: Principal, reservationId: string) => Promise<Reservation>;
  change: (reservationId: string, to: 'CANCELLED') => Promise<Reservation>;
  guard: RefundGuard;
  completeRefund: CompleteRefund;
}

/**
 * `POST /reservations/{id}/cancel` by the owner or an ADMIN. A HOLD is cancelled and its seats freed at once.
 * A CONFIRMED reservation is cancelled (seats freed) and refunded through the gateway (→ REFUNDED); because the
 * cancellation gives the money back, the refund window applies to it: inside `refundCutoffHours` a USER's cancel
 * is refused with REFUND_WINDOW_CLOSED and nothing changes, an ADMIN's goes through and is audited.
 */
export function cancelReservation(deps: CancelDeps) {
  return async function cancel(principal: Principal, reservationId: string): Promise<Reservation> {
    const r = await deps.find(principal, reservationId);
    const refund = r.status === 'CONFIRMED' ? await deps.guard(r, principal, 'CANCEL') : undefined;
    const cancelled = await deps.change(reservationId, 'CANCELLED');
    if (!refund || !cancelled.confirmedAt) return cancelled;
    const refunded = await deps.completeRefund(cancelled);
    await refund.audit();
    return refunded;
  };
}

/** `POST /reservations/{id}/refund`: a paid, CANCELLED reservation → REFUNDED, under the same window rule. */
export function refundReservation(deps: Omit<CancelDeps, 'change'>) {
  return async function refund(principal: Principal, reservationId: string): Promise<Reservation> {
    const r = await deps.find(principal, reservationId);
    if (r.status !== 'CANCELLED' || !r.confirmedAt) throw invalidTransition(r.status, 'REFUNDED');
    const guard = await deps.guard(r, principal, 'REFUND');
    const refunded = await deps.completeRefund(r);
    await guard.audit();
    return refunded;
  };
}
