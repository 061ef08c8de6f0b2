import type { Role } from '#domain/identity';
import { authorizationResult, type CaptureMethod } from '#domain/payments/authorization';
import { canMove, statusOfEvent, type IntentStatus, type WebhookEventType } from '#domain/payments/payment-intent';
import { cardOutcome, last4, luhnValid } from '#domain/payments/test-cards';
import { eventTypeOf, simulationPlan, type WebhookEvent } from '#domain/payments/webhook-event';
import { toIso, type Clock } from '#platform/clock';
import { DomainError, invalidTransition, notFound, validationFailed } from '#domain/errors';
import type { Ids } from '#platform/ids';
import { logger } from '#platform/logger';
import type { CreateIntentInput, PaymentIntent } from '../ports/payment-gateway';
import type { PaymentIntentStore, ReservationLookup, StoredIntent, WebhookOutbox } from './ports';

/** Who calls through the REST API. The gateway port calls without one: the reservation side has checked ownership. */
export interface Caller {
  userId: string;
  role: Role;
}

export interface PaymentSandboxDeps {
  intents: PaymentIntentStore;
  reservations: ReservationLookup;
  outbox: WebhookOutbox;
  clock: Clock;
  ids: Ids;
  random: () => number;
  lateWebhookDelaySeconds: () => number;
}

export interface SimulateRequest {
  intentId: string;
  duplicate: number;
  delaySeconds: number;
  shuffle: boolean;
  badSignature: boolean;
}

const PAYABLE_RESERVATION_STATUSES = ['HOLD', 'PAYING'];

export type PaymentSandbox = ReturnType<typeof paymentSandbox>;

/**
 * The payment provider side of the sandbox: intents and their lifecycle. Every state change is one conditional
 * write that also records the webhook events it emits, then hands those events to the delivery queue.
 */
export function paymentSandbox(deps: PaymentSandboxDeps) {
  async function createIntent(input: CreateIntentInput): Promise<PaymentIntent> {
    const now = toIso(deps.clock.now());
    const intent: StoredIntent = {
      intentId: deps.ids.next(),
      reservationId: input.reservationId,
      userId: input.userId,
      amount: input.amount,
      currency: input.currency,
      status: 'PENDING',
      captureMethod: input.captureMethod ?? 'automatic',
      createdAt: now,
      updatedAt: now,
      webhookStatus: 'PENDING',
      events: [],
    };
    await deps.intents.create(intent);
    return publicView(intent);
  }

  async function load(intentId: string, caller: Caller | undefined, options: { adminMayRead?: boolean } = {}): Promise<StoredIntent> {
    const intent = await deps.intents.get(intentId);
    const visible = intent && (!caller || caller.userId === intent.userId || (options.adminMayRead && caller.role === 'ADMIN'));
    if (!visible) throw notFound('Payment intent', intentId);
    return intent;
  }

  function event(intent: StoredIntent, type: WebhookEventType, createdAt: string): WebhookEvent {
    const { intentId, reservationId, amount, currency } = intent;
    return { eventId: deps.ids.next(), type, createdAt, data: { intentId, reservationId, status: statusOfEvent(type), amount, currency } };
  }

  async function move(
    intent: StoredIntent,
    to: IntentStatus,
    types: WebhookEventType[],
    extra: { card?: { last4: string }; failureReason?: string; delaySeconds: number },
  ): Promise<PaymentIntent> {
    const at = toIso(deps.clock.now());
    const events = types.map((type) => event(intent, type, at));
    const updated = await deps.intents.transition(intent.intentId, intent.status, { to, at, events, card: extra.card, failureReason: extra.failureReason });
    if (updated === 'conflict') {
      // Someone else moved it between our read and our write; report where it is now.
      const current = await deps.intents.get(intent.intentId);
      throw invalidTransition(current?.status ?? intent.status, to);
    }
    try {
      await deps.outbox.send(events, { delaySeconds: extra.delaySeconds });
    } catch (error) {
      // The change is committed and its events are recorded on the intent, so the caller gets the new state;
      // the events can be re-sent with the simulate call. Logged loudly because a webhook is now missing.
      logger.error('webhook events not enqueued', { intentId: intent.intentId, eventIds: events.map((e) => e.eventId), error: error as Error });
    }
    return publicView(updated);
  }

  async function step(intentId: string, to: IntentStatus, caller?: Caller): Promise<PaymentIntent> {
    const intent = await load(intentId, caller);
    if (!canMove(intent.status, to)) throw invalidTransition(intent.status, to);
    return move(intent, to, [eventTypeOf(to)], { delaySeconds: 0 });
  }

  return {
    /** REST: an intent for one of the caller's own HOLD or PAYING reservations, amount copied from it. */
    async createForReservation(caller: Caller, reservationId: string, captureMethod: CaptureMethod): Promise<PaymentIntent> {
      const reservation = await deps.reservations.find(reservationId);
      if (!reservation || reservation.userId !== caller.userId) throw notFound('Reservation', reservationId);
      if (!PAYABLE_RESERVATION_STATUSES.includes(reservation.status)) {
        throw new DomainError('INVALID_TRANSITION', `Reservation ${reservationId} is ${reservation.status}; only a HOLD or PAYING reservation can be paid`, {
          reservationId,
          status: reservation.status,
        });
      }
      const { userId, amount, currency } = reservation;
      return createIntent({ reservationId, userId, amount, currency, captureMethod });
    },

    createIntent,

    async authorize(intentId: string, card: { number: string }, caller?: Caller): Promise<PaymentIntent> {
      if (!luhnValid(card.number)) {
        throw validationFailed([{ in: 'body', path: 'card.number', message: 'Card number must be 12–19 digits and pass the Luhn check' }]);
      }
      const intent = await load(intentId, caller);
      if (intent.status !== 'PENDING') throw invalidTransition(intent.status, 'AUTHORIZED');
      const cardSeen = { last4: last4(card.number) };
      const result = authorizationResult(cardOutcome(card.number), intent.captureMethod);
      if (result.kind === 'no-answer') {
        logger.info('card authorization timed out; intent stays PENDING', { intentId, card: cardSeen });
        return publicView(intent);
      }
      return move(intent, result.to, result.events, {
        card: cardSeen,
        failureReason: result.failureReason,
        delaySeconds: result.lateWebhook ? deps.lateWebhookDelaySeconds() : 0,
      });
    },

    capture: (intentId: string, caller?: Caller): Promise<PaymentIntent> => step(intentId, 'CAPTURED', caller),
    cancel: (intentId: string, caller?: Caller): Promise<PaymentIntent> => step(intentId, 'CANCELLED', caller),
    refund: (intentId: string, caller?: Caller): Promise<PaymentIntent> => step(intentId, 'REFUNDED', caller),

    /** The owner, or an ADMIN, may read an intent; anyone else is told it does not exist. */
    async get(intentId: string, caller: Caller): Promise<PaymentIntent> {
      return publicView(await load(intentId, caller, { adminMayRead: true }));
    },

    async find(intentId: string): Promise<PaymentIntent | undefined> {
      const intent = await deps.intents.get(intentId);
      return intent && publicView(intent);
    },

    /** ADMIN: re-sends the intent's recorded events through the queue, duplicated, delayed, shuffled or mis-signed. */
    async simulate(request: SimulateRequest): Promise<{ intentId: string; enqueued: number; eventIds: string[] }> {
      const intent = await deps.intents.get(request.intentId);
      if (!intent) throw notFound('Payment intent', request.intentId);
      const plan = simulationPlan(intent.events, request.duplicate, request.shuffle, deps.random);
      await deps.outbox.send(plan, { delaySeconds: request.delaySeconds, badSignature: request.badSignature });
      return { intentId: intent.intentId, enqueued: plan.length, eventIds: plan.map((e) => e.eventId) };
    },
  };
}

export function publicView(intent: StoredIntent): PaymentIntent {
  const { webhookStatus: _webhookStatus, events: _events, ...view } = intent;
  return view;
}
