import { DetailType, RESERVATION_EVENTS, SEATS_TAKEN_EVENTS } from '../../functions/domain/events';
import type { Capability } from './types';

/**
 * Seat pushes run in their own reserved concurrency: at most this many at once (a function that opened an interval
 * waits ≤ 1 s, then fans out with bounded concurrency), so a rush of seat events never takes the concurrency the
 * hold path needs, and never queues behind it either.
 */
const SEAT_PUSH_CONCURRENCY = 20;

/** A show's fan-out beyond its first part runs in parallel invocations of the part consumer, at most this many. */
const SEAT_FAN_OUT_CONCURRENCY = 20;

/**
 * The reservation lifecycle after the hold: pay (through the payment gateway; the captured webhook confirms),
 * cancel, refund with its audit, and the pushes: seat-map watchers get `SEATS`, owners get `RESERVATION`, and
 * freed seats go back on sale to the waiting line.
 */
export const lifecycle: Capability = {
  name: 'lifecycle',
  routes: [
    { method: 'POST', path: '/v1/reservations/{reservationId}/pay', handler: 'http/lifecycle.payReservation', auth: 'user', needs: ['table', 'redis', 'holdDeadlines', 'webhookQueue'], freshAuth: true },
    { method: 'POST', path: '/v1/reservations/{reservationId}/cancel', handler: 'http/lifecycle.cancelReservation', auth: 'user', needs: ['table', 'redis', 'holdDeadlines', 'webhookQueue'], freshAuth: true },
    { method: 'POST', path: '/v1/reservations/{reservationId}/refund', handler: 'http/lifecycle.refundReservation', auth: 'user', needs: ['table', 'holdDeadlines', 'webhookQueue'], freshAuth: true },
    { method: 'GET', path: '/v1/admin/audit/refunds', handler: 'http/lifecycle.listRefundAudit', auth: 'admin', needs: ['tableRead'] },
  ],
  wsRoutes: [
    { routeKey: 'watchSeats', handler: 'ws/watch-seats.handler', needs: ['redis'] },
    { routeKey: 'unwatchSeats', handler: 'ws/unwatch-seats.handler', needs: ['redis'] },
  ],
  queues: [
    {
      // The parts of a big show's SEATS fan-out after the first (functions/services/live-updates/seat-watch.ts).
      id: 'SeatFanOutQueue',
      urlEnv: 'SEAT_FAN_OUT_QUEUE_URL',
      need: 'seatFanOutQueue',
      consumer: 'workers/seat-fan-out.handler',
      consumerNeeds: ['redis', 'connections'],
      consumerBudget: { timeoutSeconds: 10 },
      batchSize: 1,
      maxBatchingWindowSeconds: 0,
      visibilityTimeoutSeconds: 60,
      // A part that failed twice is stale: the show's next version carries its changes.
      maxReceiveCount: 2,
      maxConcurrency: SEAT_FAN_OUT_CONCURRENCY,
    },
  ],
  eventRules: [
    { id: 'SeatsReleased', detailTypes: [DetailType.SeatsReleased], target: 'workers/seats-released.handler', needs: ['redis', 'tableRead', 'connections', 'jwtKeys', 'seatFanOutQueue'], reservedConcurrency: SEAT_PUSH_CONCURRENCY, timeoutSeconds: 30 },
    { id: 'SeatsTaken', detailTypes: [...SEATS_TAKEN_EVENTS], target: 'workers/seats-released.seatsTaken', needs: ['redis', 'tableRead', 'connections', 'seatFanOutQueue'], reservedConcurrency: SEAT_PUSH_CONCURRENCY, timeoutSeconds: 30 },
    { id: 'ReservationStatusPush', detailTypes: [...RESERVATION_EVENTS], target: 'workers/reservation-status.handler', needs: ['redis', 'connections'], reservedConcurrency: SEAT_PUSH_CONCURRENCY, timeoutSeconds: 30 },
  ],
};
