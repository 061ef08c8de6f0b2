import { dynamoRefundAudit } from '#adapters/dynamo/refund-audit';
import { dynamoReservationReader } from '#adapters/dynamo/reservations-read';
import { getReservation, listReservations } from '#services/reservations/read-reservations';
import type { RefundAudit, ReservationReader } from '#services/reservations/ports';
import { lazy } from './lazy';
import { db, tableName } from './shared-ports';

export interface ReservationReadPorts {
  reservations: ReservationReader;
  refundAudit: RefundAudit;
}

export const realReservationReadPorts = (): ReservationReadPorts => ({
  reservations: dynamoReservationReader(db, tableName),
  refundAudit: dynamoRefundAudit(db, tableName),
});

/** The read routes: one reservation, the caller's list, and the admin refund audit. */
export function wireReservationReads(p: ReservationReadPorts) {
  return {
    getReservation: getReservation(p),
    listReservations: listReservations(p),
    listRefundAudit: (query: Parameters<RefundAudit['list']>[0]) => p.refundAudit.list(query),
  };
}

export const reservationReads = lazy(() => wireReservationReads(realReservationReadPorts()));
