import { logger } from '#platform/logger';
import type { PaymentEventsListener, PaymentIntentEvent } from '../ports/payment-events-listener';

const log = (what: string) => async (event: PaymentIntentEvent) => logger.info(`payment ${what}`, { ...event });

/** Only logs. Stands in until the reservation side's listener is bound in the composition root. */
export const loggingPaymentEventsListener: PaymentEventsListener = {
  onAuthorized: log('authorized'),
  onCaptured: log('captured'),
  onFailed: log('failed'),
  onCancelled: log('cancelled'),
  onRefunded: log('refunded'),
};
