import { retryDelaySeconds } from '#domain/payments/webhook-event';
import { signWebhook } from '#domain/payments/webhook-signature';
import type { Clock } from '#platform/clock';
import { logger } from '#platform/logger';
import type { WebhookRetryScheduler, WebhookTransport } from './ports';

/** One queue message as the dispatcher sees it. */
export interface QueuedWebhook {
  messageId: string;
  receiptHandle: string;
  /** The event JSON exactly as it will be posted and signed. */
  body: string;
  /** 1 on the first delivery attempt. */
  receiveCount: number;
  badSignature: boolean;
}

export interface WebhookDispatcherDeps {
  transport: WebhookTransport;
  retry: WebhookRetryScheduler;
  clock: Clock;
  random: () => number;
  secret: () => string | Promise<string>;
  backoff: { baseSeconds: number; capSeconds: number };
}

export type WebhookDispatcher = ReturnType<typeof webhookDispatcher>;

/**
 * Delivers queued webhook events: signs each body at delivery time (so a delayed or retried event carries a fresh
 * timestamp) and posts it. A failed delivery is postponed with jittered exponential backoff and reported as failed;
 * the queue's redrive policy moves it to the DLQ after maxReceiveCount attempts.
 */
export function webhookDispatcher(deps: WebhookDispatcherDeps) {
  async function deliver(message: QueuedWebhook): Promise<boolean> {
    const shared = await deps.secret();
    const secret = message.badSignature ? `${shared}-forged` : shared;
    const result = await deps.transport.post(message.body, signWebhook(secret, message.body, deps.clock.now()));
    if (message.badSignature) {
      // A simulation probe: the receiver is expected to refuse it, and retrying a forgery proves nothing more.
      logger.info('delivered a deliberately mis-signed webhook', { messageId: message.messageId, status: result.status });
      return true;
    }
    if (result.ok) return true;
    const delaySeconds = retryDelaySeconds(message.receiveCount, deps.backoff, deps.random());
    logger.warn('webhook delivery failed; will retry', {
      messageId: message.messageId,
      status: result.status,
      error: result.error,
      receiveCount: message.receiveCount,
      delaySeconds,
    });
    try {
      await deps.retry.retryIn(message.receiptHandle, delaySeconds);
    } catch (error) {
      // The queue's own visibility timeout still bounds the wait.
      logger.warn('could not postpone a failed webhook', { messageId: message.messageId, error: error as Error });
    }
    return false;
  }

  return {
    /** Returns the ids of the messages that must be retried. */
    async dispatch(messages: readonly QueuedWebhook[]): Promise<string[]> {
      const delivered = await Promise.all(messages.map((m) => deliver(m)));
      return messages.filter((_, i) => !delivered[i]).map((m) => m.messageId);
    },
  };
}
