import { dynamoReservationReader } from '#adapters/dynamo/reservations-read';
import { getReservation, listReservations } from '#services/reservations/read-reservations';
import type { ReservationReader } from '#services/reservations/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

export interface ReservationReadPorts {
  reservations: ReservationReader;
}

export const realReservationReadPorts = (): ReservationReadPorts => ({ reservations: dynamoReservationReader(db, tableName) });

/** The read routes: one reservation and the caller's list. */
export function wireReservationReads(p: ReservationReadPorts) {
  return { getReservation: getReservation(p), listReservations: listReservations(p) };
}

export const reservationReads = lazy(() => wireReservationReads(realReservationReadPorts()));

