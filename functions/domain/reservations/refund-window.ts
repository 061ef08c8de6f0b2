import type { Role } from '#domain/identity';
import { DomainError } from '#domain/errors';

/**
 * Refunds close `refundCutoffHours` before the show starts. Inside the window a USER is refused with
 * REFUND_WINDOW_CLOSED; an ADMIN may still refund, and that override is what the refund audit records.
 * The same rule guards a user's cancellation of a paid reservation: cancelling it refunds it, so a cancellation
 * the refund rule would refuse is refused before the seats are given up.
 */
export type RefundPermission = 'ALLOWED' | 'ADMIN_OVERRIDE';

export function refundPermission(input: { showStartsAt: string; refundCutoffHours: number; role: Role; at: Date }): RefundPermission {
  const closesAt = Date.parse(input.showStartsAt) - input.refundCutoffHours * 3600 * 1000;
  if (input.at.getTime() < closesAt) return 'ALLOWED';
  if (input.role === 'ADMIN') return 'ADMIN_OVERRIDE';
  throw new DomainError('REFUND_WINDOW_CLOSED', `Refunds close ${input.refundCutoffHours} h before the show`, {
    showStartsAt: input.showStartsAt,
    refundCutoffHours: input.refundCutoffHours,
    closedAt: new Date(closesAt).toISOString(),
  });
}
