import * as z from 'zod/mini';
import { applyWebhookEvent, intentFacts, INTENT_STATUSES, statusOfEvent, WEBHOOK_EVENT_TYPES, type IntentStatus } from '#domain/payments/payment-intent';
import type { WebhookEvent } from '#domain/payments/webhook-event';
import { SIGNATURE_HEADER, verifyWebhook, type SignatureCheck } from '#domain/payments/webhook-signature';
import { toIso, type Clock } from '#platform/clock';
import { DomainError, notFound, validationFailed } from '#domain/errors';
import { logger } from '#platform/logger';
import { count } from '#platform/metrics';
import type { PaymentEventsListener, PaymentIntentEvent } from '../ports/payment-events-listener';
import type { PaymentIntentStore, StoredIntent, WebhookEventLog } from './ports';

export interface WebhookReceiverDeps {
  intents: PaymentIntentStore;
  log: WebhookEventLog;
  listener: PaymentEventsListener;
  clock: Clock;
  secret: () => string | Promise<string>;
}

type Applied = { received: true; applied: boolean; status: IntentStatus; reason?: string };
export type ReceiveResult = { received: true; duplicate: true } | Applied;

const eventSchema = z.object({
  eventId: z.string().check(z.minLength(1), z.maxLength(64)),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  createdAt: z.iso.datetime(),
  data: z.object({
    intentId: z.string().check(z.minLength(1), z.maxLength(64)),
    reservationId: z.string().check(z.minLength(1), z.maxLength(64)),
    status: z.enum(INTENT_STATUSES),
    amount: z.number().check(z.int(), z.nonnegative()),
    currency: z.string().check(z.length(3)),
  }),
});

const SIGNATURE_PROBLEMS: Record<Exclude<SignatureCheck, 'ok'>, string> = {
  malformed: 'Signature header is missing or not of the form t=<unix>,v1=<hex>',
  'bad-signature': 'Signature does not match the body',
  stale: 'Signature timestamp is more than 5 minutes away from now',
};

/** Concurrent deliveries of different events for one intent can each lose the conditional write once. */
const MAX_APPLY_ATTEMPTS = 5;

export type WebhookReceiver = ReturnType<typeof webhookReceiver>;

/**
 * The merchant side of the sandbox: `POST /v1/payments/webhooks`. Verifies the signature over the raw body,
 * processes each eventId once, applies the event monotonically to the intent's webhook status, and tells the
 * reservation side through `PaymentEventsListener`.
 */
export function webhookReceiver(deps: WebhookReceiverDeps) {
  async function notify(intent: StoredIntent, event: WebhookEvent): Promise<void> {
    const payload: PaymentIntentEvent = { eventId: event.eventId, ...intentFacts(intent), occurredAt: event.createdAt };
    const { listener } = deps;
    switch (payload.status) {
      case 'AUTHORIZED':
        return listener.onAuthorized(payload);
      case 'CAPTURED':
        // `PaymentCaptured` follows from the intent's committed CAPTURED status, through the table's change stream.
        return listener.onCaptured(payload);
      case 'FAILED':
        return listener.onFailed(payload);
      case 'CANCELLED':
        return listener.onCancelled(payload);
      case 'REFUNDED':
        return listener.onRefunded(payload);
      case 'PENDING':
        return;
    }
  }

  async function apply(first: StoredIntent, event: WebhookEvent): Promise<Applied> {
    const target = statusOfEvent(event.type);
    let intent: StoredIntent | undefined = first;
    for (let attempt = 1; intent && attempt <= MAX_APPLY_ATTEMPTS; attempt++) {
      const decision = applyWebhookEvent(intent.webhookStatus, event.type);
      if (decision.action === 'ignore') {
        // 'duplicate' here means a different delivery already moved the intent to this status, possibly one that
        // failed before it told the listener; telling it again is safe because listeners are idempotent.
        if (decision.reason === 'duplicate') await notify(intent, event);
        logger.info('webhook event not applied', { eventId: event.eventId, type: event.type, reason: decision.reason, webhookStatus: intent.webhookStatus });
        return { received: true, applied: false, status: intent.webhookStatus, reason: decision.reason };
      }
      if (await deps.intents.advanceWebhookStatus(intent.intentId, intent.webhookStatus, decision.to, toIso(deps.clock.now()))) {
        const advanced: StoredIntent = { ...intent, webhookStatus: decision.to };
        await notify(advanced, event);
        return { received: true, applied: true, status: target };
      }
      intent = await deps.intents.get(intent.intentId);
    }
    throw new DomainError('CONFLICT', `Intent ${first.intentId} kept changing while event ${event.eventId} was applied; retry later`);
  }

  return {
    async receive(rawBody: string, signature: string | undefined): Promise<ReceiveResult> {
      const now = deps.clock.now();
      const check = verifyWebhook(await deps.secret(), rawBody, signature, now);
      if (check !== 'ok') {
        count('WebhooksRejected');
        throw validationFailed([{ in: 'header', path: SIGNATURE_HEADER, message: SIGNATURE_PROBLEMS[check] }], 'Webhook signature rejected');
      }
      const event = parseEvent(rawBody);
      const intent = await deps.intents.get(event.data.intentId);
      if (!intent) throw notFound('Payment intent', event.data.intentId);

      const claim = await deps.log.claim(event.eventId, now);
      if (claim === 'duplicate') {
        count('WebhooksDuplicate');
        return { received: true, duplicate: true };
      }
      if (claim === 'in-progress') throw new DomainError('CONFLICT', `Event ${event.eventId} is being processed; retry later`, { eventId: event.eventId });
      try {
        const result = await apply(intent, event);
        await deps.log.complete(event.eventId, result.applied ? 'applied' : (result.reason ?? 'ignored'));
        if (result.applied && result.status === 'CAPTURED') count('PaymentsCaptured');
        if (result.applied && result.status === 'FAILED') count('PaymentsFailed');
        return result;
      } catch (error) {
        // Give the eventId back so the sender's retry processes it instead of seeing a duplicate.
        await deps.log.release(event.eventId).catch((e: unknown) => logger.warn('could not release webhook event claim', { eventId: event.eventId, error: e as Error }));
        throw error;
      }
    },
  };
}

function parseEvent(rawBody: string): WebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw validationFailed([{ in: 'body', path: '', message: 'Body is not valid JSON' }], 'Malformed JSON body');
  }
  const result = eventSchema.safeParse(json);
  if (!result.success) {
    throw validationFailed(result.error.issues.map((i) => ({ in: 'body' as const, path: i.path.map(String).join('.'), message: i.message })));
  }
  return result.data;
}
