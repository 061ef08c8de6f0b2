import { dynamoReservationReader } from '#adapters/dynamo/reservations-read';
import { dynamoOverdueHolds } from '#adapters/dynamo/reservations-overdue';
import { dynamoReservationReleaser } from '#adapters/dynamo/reservations-release';
import { reservationToItem } from '#adapters/dynamo/entities/reservation';
import { systemClock, type Clock } from '#platform/clock';
import { expireReservation } from '#services/reservations/expire-reservation';
import { sweepOverdueHolds } from '#services/reservations/overdue-sweep';
import type { OverdueHolds, ReservationReader, ReservationReleaser } from '#services/reservations/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

export interface ReservationExpiryPorts {
  reservations: ReservationReader;
  releaser: ReservationReleaser;
  overdue: OverdueHolds;
  clock: Clock;
}

export const realReservationExpiryPorts = (): ReservationExpiryPorts => ({
  reservations: dynamoReservationReader(db, tableName),
  releaser: dynamoReservationReleaser(db, tableName, reservationToItem),
  overdue: dynamoOverdueHolds(db, tableName),
  clock: systemClock,
});

/** The deadline task (HOLD / PAYING phase) and the minute sweep of holds whose deadline never started. */
export function wireReservationExpiry(p: ReservationExpiryPorts) {
  const expire = expireReservation(p);
  return { expire, sweep: sweepOverdueHolds({ overdue: p.overdue, expire, clock: p.clock }) };
}

export const reservationExpiry = lazy(() => wireReservationExpiry(realReservationExpiryPorts()));
