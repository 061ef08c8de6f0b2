import type { PaymentSandbox } from '#services/payments/payment-sandbox';
import type { PaymentGateway } from '#services/ports/payment-gateway';

/**
 * The PaymentGateway the reservation side calls, backed by the payment sandbox in this process. Intents default
 * to automatic capture: an approved card is captured at once and the captured webhook confirms the reservation.
 * `sandbox` is read at call time, so the sandbox is built on the first payment call, not at cold start.
 */
export function sandboxGateway(sandbox: () => PaymentSandbox): PaymentGateway {
  return {
    createIntent: (input) => sandbox().createIntent({ ...input, captureMethod: input.captureMethod ?? 'automatic' }),
    authorize: (intentId, card) => sandbox().authorize(intentId, card),
    capture: (intentId) => sandbox().capture(intentId),
    cancel: (intentId) => sandbox().cancel(intentId),
    refund: (intentId) => sandbox().refund(intentId),
    get: (intentId) => sandbox().find(intentId),
  };
}
