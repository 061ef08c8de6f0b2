import type { Principal } from '#domain/identity';
import type { Reservation, ReservationStatus } from '#domain/reservations/reservation';
import { notFound } from '#domain/errors';
import type { Page, ReservationReader } from './ports';

/** The owner or an ADMIN sees a reservation; anyone else gets 404, so ids cannot be probed. */
export function getReservation(deps: { reservations: ReservationReader }) {
  return async (principal: Principal, reservationId: string): Promise<Reservation> => {
    const r = await deps.reservations.get(reservationId);
    if (!r || (r.userId !== principal.userId && principal.role !== 'ADMIN')) throw notFound('Reservation', reservationId);
    return r;
  };
}

/** The caller's own reservations, newest first. */
export function listReservations(deps: { reservations: ReservationReader }) {
  return (principal: Principal, query: { status?: ReservationStatus; limit: number; cursor?: string }): Promise<Page<Reservation>> =>
    deps.reservations.listOfUser(principal.userId, query);
}
