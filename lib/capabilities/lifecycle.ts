import { DetailType } from '../../functions/domain/events';
import type { Capability } from './types';

const RESERVATION_STATUS_EVENTS = [
  DetailType.ReservationHeld,
  DetailType.ReservationPaying,
  DetailType.ReservationConfirmed,
  DetailType.ReservationExpired,
  DetailType.ReservationCancelled,
  DetailType.ReservationRefunded,
];

/**
 * The reservation lifecycle after the hold: pay (through the payment gateway; the captured webhook confirms),
 * cancel, refund with its audit, and the pushes: seat-map watchers get `SEATS`, owners get `RESERVATION`, and
 * freed seats go back on sale to the waiting line.
 */
export const lifecycle: Capability = {
  name: 'lifecycle',
  routes: [
    { method: 'POST', path: '/v1/reservations/{reservationId}/pay', handler: 'http/lifecycle.payReservation', auth: 'user', needs: ['table', 'events', 'holdDeadlines', 'webhookQueue'] },
    { method: 'POST', path: '/v1/reservations/{reservationId}/cancel', handler: 'http/lifecycle.cancelReservation', auth: 'user', needs: ['table', 'events', 'holdDeadlines', 'webhookQueue'] },
    { method: 'POST', path: '/v1/reservations/{reservationId}/refund', handler: 'http/lifecycle.refundReservation', auth: 'user', needs: ['table', 'events', 'holdDeadlines', 'webhookQueue'] },
    { method: 'GET', path: '/v1/admin/audit/refunds', handler: 'http/lifecycle.listRefundAudit', auth: 'admin', needs: ['table'] },
  ],
  wsRoutes: [
    { routeKey: 'watchSeats', handler: 'ws/watch-seats.handler', needs: ['redis'] },
    { routeKey: 'unwatchSeats', handler: 'ws/unwatch-seats.handler', needs: ['redis'] },
  ],
  eventRules: [
    { id: 'SeatsReleased', detailTypes: [DetailType.SeatsReleased], target: 'workers/seats-released.handler', needs: ['redis', 'table', 'connections'] },
    { id: 'SeatsTaken', detailTypes: [DetailType.ReservationHeld, DetailType.ReservationConfirmed], target: 'workers/seats-released.seatsTaken', needs: ['redis', 'connections'] },
    { id: 'ReservationStatusPush', detailTypes: RESERVATION_STATUS_EVENTS, target: 'workers/reservation-status.handler', needs: ['redis', 'connections'] },
  ],
};
