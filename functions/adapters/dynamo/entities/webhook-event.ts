import { epochSeconds, toIso } from '#platform/clock';
import { keys, TTL_ATTRIBUTE } from '../keys';

/** The webhook event record (`keys.webhookEvent`): each eventId once, claimed PROCESSING, then DONE; a TTL forgets it. */
export const WEBHOOK_EVENT_ENTITY = 'WebhookEvent';

export type WebhookEventState = 'PROCESSING' | 'DONE';

/** The claim's item: PROCESSING until `claimedUntil` (epoch seconds), forgotten `recordTtlSeconds` after `now`. */
export function webhookClaimItem(eventId: string, now: Date, o: { leaseSeconds: number; recordTtlSeconds: number }): Record<string, unknown> {
  const nowSeconds = epochSeconds(now);
  return {
    ...keys.webhookEvent(eventId),
    entity: WEBHOOK_EVENT_ENTITY,
    eventId,
    state: 'PROCESSING' satisfies WebhookEventState,
    claimedUntil: nowSeconds + o.leaseSeconds,
    receivedAt: toIso(now),
    [TTL_ATTRIBUTE]: nowSeconds + o.recordTtlSeconds,
  };
}
