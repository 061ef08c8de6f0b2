import type { Reservation } from '#domain/reservations/reservation';
import { refundPermission, type RefundPermission } from '#domain/reservations/refund-window';
import { DEFAULT_SALES_POLICY } from '#domain/sales-policy';
import type { Principal } from '#domain/identity';
import type { Clock } from '#platform/clock';
import { DomainError, invalidTransition, notFound } from '#domain/errors';
import type { Ids } from '#platform/ids';
import type { PaymentGateway, PaymentIntent } from '#services/ports/payment-gateway';
import type { RefundAudit, SalesPolicyStore, ShowSchedule } from './ports';

type Change = (reservationId: string, to: Reservation['status']) => Promise<Reservation>;

/** Refunds an intent; a refund that already happened (a retry, or the webhook path got there first) is success. */
export async function refundIntent(gateway: PaymentGateway, intentId: string): Promise<PaymentIntent> {
  try {
    return await gateway.refund(intentId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'INVALID_TRANSITION') {
      const current = await gateway.get(intentId);
      if (current?.status === 'REFUNDED') return current;
    }
    throw error;
  }
}

/**
 * The refund half of every path that gives a paid reservation's money back (cancel, refund, the refunded webhook):
 * refund the intent through the gateway, then CANCELLED → REFUNDED. Both steps accept "already done", so the
 * paths converge on one REFUNDED reservation and one refunded intent however they interleave.
 */
export function completeRefund(deps: { gateway: PaymentGateway; change: Change; reservations: { get(id: string): Promise<Reservation | undefined> } }) {
  return async function complete(r: Reservation): Promise<Reservation> {
    if (r.status === 'REFUNDED') return r;
    if (r.status !== 'CANCELLED' || !r.confirmedAt || !r.paymentIntentId) throw invalidTransition(r.status, 'REFUNDED');
    await refundIntent(deps.gateway, r.paymentIntentId);
    try {
      return await deps.change(r.reservationId, 'REFUNDED');
    } catch (error) {
      const now = await deps.reservations.get(r.reservationId);
      if (error instanceof DomainError && error.code === 'INVALID_TRANSITION' && now?.status === 'REFUNDED') return now;
      throw error;
    }
  };
}

/**
 * Checks the refund window for `principal` (REFUND_WINDOW_CLOSED for a USER inside it) and returns a recorder
 * that writes the ADMIN override to the refund audit once the money has moved.
 */
export function refundGuard(deps: { shows: ShowSchedule; policies: Pick<SalesPolicyStore, 'get'>; audit: RefundAudit; clock: Clock; ids: Ids }) {
  return async function check(r: Reservation, principal: Pick<Principal, 'userId' | 'role'>, action: 'CANCEL' | 'REFUND'): Promise<{ permission: RefundPermission; audit(): Promise<void> }> {
    const [showStartsAt, policy] = await Promise.all([deps.shows.startsAt(r.concertId, r.showId), deps.policies.get(r.concertId)]);
    if (!showStartsAt) throw notFound('Show', r.showId);
    const refundCutoffHours = (policy ?? DEFAULT_SALES_POLICY).refundCutoffHours;
    const at = deps.clock.now();
    const permission = refundPermission({ showStartsAt, refundCutoffHours, role: principal.role, at });
    return {
      permission,
      audit: async () => {
        if (permission !== 'ADMIN_OVERRIDE') return;
        await deps.audit.record({
          auditId: deps.ids.next(),
          at: at.toISOString(),
          action,
          adminId: principal.userId,
          reservationId: r.reservationId,
          userId: r.userId,
          concertId: r.concertId,
          showId: r.showId,
          ...(r.paymentIntentId ? { paymentIntentId: r.paymentIntentId } : {}),
          amount: r.amount,
          currency: r.currency,
          showStartsAt,
          refundCutoffHours,
        });
      },
    };
  };
}

export type RefundGuard = ReturnType<typeof refundGuard>;
export type CompleteRefund = ReturnType<typeof completeRefund>;
