import type { PaymentSandbox } from '#services/payments/payment-sandbox';
import type { CreateIntentInput, PaymentGateway, PaymentIntent } from '#services/ports/payment-gateway';

/**
 * The PaymentGateway the reservation side calls, backed by the payment sandbox in this process. Intents default
 * to automatic capture: an approved card is captured at once and the captured webhook confirms the reservation.
 */
export class SandboxGateway implements PaymentGateway {
  /** `sandbox` is read at call time, so the sandbox is built on the first payment call, not at cold start. */
  constructor(private readonly sandbox: () => PaymentSandbox) {}

  createIntent(input: CreateIntentInput): Promise<PaymentIntent> {
    return this.sandbox().createIntent({ ...input, captureMethod: input.captureMethod ?? 'automatic' });
  }
  authorize(intentId: string, card: { number: string }): Promise<PaymentIntent> {
    return this.sandbox().authorize(intentId, card);
  }
  capture(intentId: string): Promise<PaymentIntent> {
    return this.sandbox().capture(intentId);
  }
  cancel(intentId: string): Promise<PaymentIntent> {
    return this.sandbox().cancel(intentId);
  }
  refund(intentId: string): Promise<PaymentIntent> {
    return this.sandbox().refund(intentId);
  }
  get(intentId: string): Promise<PaymentIntent | undefined> {
    return this.sandbox().find(intentId);
  }
}
