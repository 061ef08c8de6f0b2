import type { Capability } from './types';

/** Sales policies are read through a short Redis cache (holds read them on every request): `redis` on both routes. */
export const reservations: Capability = {
  name: 'reservations',
  routes: [
    { method: 'POST', path: '/v1/reservations', handler: 'http/reservations.holdSeats', auth: 'user', needs: ['table', 'redis', 'holdDeadlines', 'jwtVerify'] },
    { method: 'GET', path: '/v1/reservations', handler: 'http/reservation-reads.listReservations', auth: 'user', needs: ['tableRead'] },
    { method: 'GET', path: '/v1/reservations/{reservationId}', handler: 'http/reservation-reads.getReservation', auth: 'user', needs: ['tableRead'] },
    { method: 'GET', path: '/v1/concerts/{concertId}/sales-policy', handler: 'http/sales-policy.getSalesPolicy', auth: 'public', needs: ['tableRead', 'redis'] },
    { method: 'PUT', path: '/v1/concerts/{concertId}/sales-policy', handler: 'http/sales-policy.putSalesPolicy', auth: 'admin', needs: ['table', 'redis'] },
  ],
  holdDeadlines: { expireHandler: 'workers/expire-reservation.handler', needs: ['table'], timeoutSeconds: 30 },
  schedules: [{ id: 'SweepOverdueHolds', handler: 'workers/expire-reservation.sweep', needs: ['table'], localIntervalMs: 10_000, timeoutSeconds: 60, memoryMb: 1024 }],
};
