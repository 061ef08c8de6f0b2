import type { Capability } from './types';

export const reservations: Capability = {
  name: 'reservations',
  routes: [
    { method: 'POST', path: '/v1/reservations', handler: 'http/reservations.holdSeats', auth: 'user', needs: ['table', 'redis', 'events', 'holdDeadlines', 'jwtKeys'] },
    { method: 'GET', path: '/v1/reservations', handler: 'http/reservation-reads.listReservations', auth: 'user', needs: ['table'] },
    { method: 'GET', path: '/v1/reservations/{reservationId}', handler: 'http/reservation-reads.getReservation', auth: 'user', needs: ['table'] },
    { method: 'GET', path: '/v1/concerts/{concertId}/sales-policy', handler: 'http/sales-policy.getSalesPolicy', auth: 'public', needs: ['table'] },
    { method: 'PUT', path: '/v1/concerts/{concertId}/sales-policy', handler: 'http/sales-policy.putSalesPolicy', auth: 'admin', needs: ['table'] },
  ],
  holdDeadlines: { expireHandler: 'workers/expire-reservation.handler', needs: ['table', 'events'] },
  schedules: [{ id: 'SweepOverdueHolds', handler: 'workers/expire-reservation.sweep', needs: ['table', 'events'], localIntervalMs: 10_000 }],
};
