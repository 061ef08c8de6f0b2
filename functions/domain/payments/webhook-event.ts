import { shuffle as shuffled } from '../shuffle';
import type { IntentStatus, WebhookEventType } from './payment-intent';

/** The body the sandbox posts to `POST /v1/payments/webhooks`; `eventId` is unique per state change. */
export interface WebhookEvent {
  eventId: string;
  type: WebhookEventType;
  /** ISO-8601 UTC. */
  createdAt: string;
  data: { intentId: string; reservationId: string; status: IntentStatus; amount: number; currency: string };
}

export const eventTypeOf = (status: IntentStatus): WebhookEventType => {
  if (status === 'PENDING') throw new Error('PENDING is the starting status; no event reports it');
  return `payment_intent.${status.toLowerCase()}` as WebhookEventType;
};

/**
 * How long a failed delivery waits before its next attempt: exponential in the attempt number, capped, with
 * "equal jitter" (half fixed, half random) so retries of a burst spread out but never come back at once.
 * `random` is in [0, 1). Whole seconds, because SQS visibility timeouts are.
 */
export function retryDelaySeconds(receiveCount: number, policy: { baseSeconds: number; capSeconds: number }, random: number): number {
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, receiveCount - 1));
  return Math.max(1, Math.ceil(ceiling / 2 + (random * ceiling) / 2));
}

/** What the admin simulate call sends: each event `copies` times, optionally in a shuffled order (Fisher–Yates). */
export function simulationPlan<T>(events: readonly T[], copies: number, shuffle: boolean, random: () => number): T[] {
  const plan = events.flatMap((e) => Array.from({ length: copies }, () => e));
  return shuffle ? shuffled(plan, random) : plan;
}
