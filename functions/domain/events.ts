/**
 * Domain events are contracts: producers, consumers and the CDK/local EventBridge rules all import these
 * constants, so a rename cannot silently disconnect a rule from its events.
 */
export const EVENT_SOURCE = 'ticketrush';

export const DetailType = {
  ReservationHeld: 'ReservationHeld',
  ReservationPaying: 'ReservationPaying',
  ReservationConfirmed: 'ReservationConfirmed',
  ReservationExpired: 'ReservationExpired',
  ReservationCancelled: 'ReservationCancelled',
  ReservationRefunded: 'ReservationRefunded',
  SeatsReleased: 'SeatsReleased',
  PaymentCaptured: 'PaymentCaptured',
  AbuseBlocked: 'AbuseBlocked',
} as const;
export type DetailType = (typeof DetailType)[keyof typeof DetailType];

/** Every event of a reservation's life: one per status it enters. */
export const RESERVATION_EVENTS = [
  DetailType.ReservationHeld,
  DetailType.ReservationPaying,
  DetailType.ReservationConfirmed,
  DetailType.ReservationExpired,
  DetailType.ReservationCancelled,
  DetailType.ReservationRefunded,
] as const;

/** The events that take seats (the rule `SeatsTaken`). */
export const SEATS_TAKEN_EVENTS = [DetailType.ReservationHeld, DetailType.ReservationPaying, DetailType.ReservationConfirmed] as const;

export interface DomainEvent<D = Record<string, unknown>> {
  detailType: DetailType;
  detail: D;
}
