import { RESERVATION_EVENTS, type DetailType } from '#domain/events';
import { count } from '#platform/metrics';
import type { MetricName } from '#platform/metric-names';
import { eventHandler } from '#platform/event-handler';
import { liveUpdates } from '#composition/live-updates';

/**
 * The reservation outcomes the sale dashboard counts. They are counted here, where every transition arrives once as
 * its event, rather than in each service that makes one (confirm, expire, cancel, refund are four services).
 */
const OUTCOME_METRIC: Partial<Record<DetailType, MetricName>> = {
  ReservationConfirmed: 'ReservationsConfirmed',
  ReservationExpired: 'ReservationsExpired',
  ReservationCancelled: 'ReservationsCancelled',
  ReservationRefunded: 'ReservationsRefunded',
};

/** Rule `ReservationStatusPush` (every Reservation* event): `RESERVATION` to the owner's connections. */
export const handler = eventHandler(RESERVATION_EVENTS, async ({ detailType, detail }) => {
  const metric = OUTCOME_METRIC[detailType];
  if (metric) count(metric);
  return liveUpdates().notifyOwner(detail);
});
