/**
 * The metrics the code emits, in one place: emitters (./metrics.ts, in Powertools' EMF format) and the CloudWatch dashboard and alarms in
 * CDK import the same names, so a renamed metric breaks the build instead of silently blanking a widget.
 * Dimensions stay low-cardinality (the Powertools `service` dimension only): a concert id per dimension would make a
 * metric per concert.
 */
export const METRICS_NAMESPACE = 'TicketRush';
export const METRICS_SERVICE = 'ticketrush';

export const Metric = {
  /** Waiting-room gauges sampled by the admission tick (sum over concerts with a line). */
  QueueWaiting: 'QueueWaiting',
  QueueActive: 'QueueActive',
  /** Users moved WAITING → ACTIVE, and ACTIVE slots that lapsed, per tick. */
  Admitted: 'Admitted',
  Lapsed: 'Lapsed',
  /** Admission ticks run; a minute with fewer than expected is a missed-tick alarm. */
  AdmissionTicks: 'AdmissionTicks',
  /** `@connections` posts attempted and failed (other than 410 Gone). */
  PushCalls: 'PushCalls',
  PushFailures: 'PushFailures',
  /** Hold attempts won, and lost to a seat or limit conflict. */
  HoldsWon: 'HoldsWon',
  HoldsLost: 'HoldsLost',
  /** Reservations confirmed (sales), expired, cancelled, refunded. */
  ReservationsConfirmed: 'ReservationsConfirmed',
  ReservationsExpired: 'ReservationsExpired',
  ReservationsCancelled: 'ReservationsCancelled',
  ReservationsRefunded: 'ReservationsRefunded',
  /** Webhook outcomes at the receiver. */
  PaymentsCaptured: 'PaymentsCaptured',
  PaymentsFailed: 'PaymentsFailed',
  WebhooksDuplicate: 'WebhooksDuplicate',
  WebhooksRejected: 'WebhooksRejected',
  /** Refusals by the abuse rules and the rate limiter. */
  AbuseBlocked: 'AbuseBlocked',
  RateLimited: 'RateLimited',
  /** Abuse audit rows buffered in Redis after the minute's sweep (the table does not have them yet). */
  AbuseAuditBacklog: 'AbuseAuditBacklog',
  /** Requests answered 503 because a dependency was down or slow. */
  DependencyUnavailable: 'DependencyUnavailable',
} as const;
export type MetricName = (typeof Metric)[keyof typeof Metric];
