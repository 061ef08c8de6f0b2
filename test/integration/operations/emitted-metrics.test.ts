import { afterAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Reservation, ReservationStatus } from '#domain/reservations/reservation';
import { reservationEvents } from '#domain/reservations/events';
import { resetConfigCache } from '#platform/config';
import { flushMetrics } from '#platform/metrics';
import { httpHandler } from '#platform/http';
import { waitingRoom } from '#composition/waiting-room';
import { handler as reservationStatus } from '../../../functions/workers/reservation-status';
import { recordTickMetrics } from '../../../functions/workers/admission-loop';
import { handler as flushAbuseAudit } from '../../../functions/workers/abuse-audit-flush';
import { joinQueue } from '../../../functions/http/queue';
import { holdSeats } from '../../../functions/http/reservations';
import { captureMetrics } from '../../helpers/emf-capture';
import { delivered } from '../../helpers/route-events';
import { invoke } from '../../helpers/api-event';
import { admissionToken, principal, seedShow } from '../reservations/fixtures';
import { newConcertId } from '../waiting-room/harness';
import { unique } from '../abuse/harness';
import { useConnectionsStandIn } from '../../helpers/connections-stand-in';

useConnectionsStandIn();
const metrics = captureMetrics();
afterAll(() => metrics.stop());

/**
 * The sale dashboard reads what real invocations write: each case runs production handlers against the local
 * services and reads the EMF lines they printed, as CloudWatch would. (The webhook outcomes are read the same way
 * in test/integration/payments/webhook-pipeline.test.ts; test/unit/platform/metrics.test.ts checks every name the
 * dashboard and alarms read has an emitter.)
 */
describe('metrics emitted by real invocations', () => {
  it('counts holds won and lost, and the abuse rules refusing a burst', async () => {
    const { concertId, showId } = await seedShow({ seatsPerRow: 10 });
    const [buyer, rival] = [unique('won'), unique('lost')];
    const hold = async (userId: string, seatId: string) =>
      invoke(holdSeats, { method: 'POST', principal: principal(userId), headers: { 'x-admission-token': await admissionToken(userId, concertId) }, body: { showId, seatIds: [seatId] } });
    metrics.clear();
    expect((await hold(buyer, 'A-1-1')).status).toBe(201);
    expect((await hold(rival, 'A-1-1')).status).toBe(409);
    expect([metrics.total('HoldsWon'), metrics.total('HoldsLost')]).toEqual([1, 1]);
    // The 4th hold attempt in 10 s is refused by HOLD_BURST.
    for (const seat of ['A-1-2', 'A-1-3']) expect((await hold(buyer, seat)).status).toBe(201);
    expect((await hold(buyer, 'A-1-4')).status).toBe(429);
    expect(metrics.total('AbuseBlocked')).toBe(1);
  });

  it('counts a request refused by a rate limit', async () => {
    process.env.ABUSE_CONFIG = JSON.stringify({ rateLimits: { join: { user: { limit: 1, periodSeconds: 60 } } } });
    resetConfigCache();
    try {
      const concertId = newConcertId();
      const userId = unique('eager');
      const join = () => invoke(joinQueue, { method: 'POST', principal: principal(userId), pathParameters: { concertId }, body: {} });
      metrics.clear();
      expect((await join()).status).toBe(200);
      expect((await join()).status).toBe(429);
      expect(metrics.total('RateLimited')).toBe(1);
    } finally {
      delete process.env.ABUSE_CONFIG;
      resetConfigCache();
    }
  });

  it('counts confirmed, expired, cancelled and refunded reservations from their events', async () => {
    const base: Reservation = {
      reservationId: unique('r'),
      userId: unique('owner'),
      concertId: 'c',
      showId: 's',
      seats: [],
      amount: 1,
      currency: 'KRW',
      status: 'HOLD',
      heldAt: new Date().toISOString(),
      holdExpiresAt: new Date().toISOString(),
      version: 1,
    };
    metrics.clear();
    for (const status of ['CONFIRMED', 'EXPIRED', 'CANCELLED', 'REFUNDED', 'CONFIRMED'] satisfies ReservationStatus[]) {
      for (const event of reservationEvents({ ...base, status })) await reservationStatus(delivered(event));
    }
    expect(['ReservationsConfirmed', 'ReservationsExpired', 'ReservationsCancelled', 'ReservationsRefunded'].map((n) => metrics.total(n as never))).toEqual([2, 1, 1, 1]);
  });

  it('samples the line and counts admissions from a real admission tick', async () => {
    const concertId = newConcertId();
    for (const userId of ['t-a', 't-b', 't-c']) {
      expect((await invoke(joinQueue, { method: 'POST', principal: principal(unique(userId)), pathParameters: { concertId }, body: {} })).status).toBe(200);
    }
    metrics.clear();
    const report = await waitingRoom().tick.run(concertId);
    recordTickMetrics([[report]]);
    flushMetrics();
    expect(metrics.values('AdmissionTicks')).toEqual([1]);
    expect(metrics.values('Admitted')).toEqual([report.admitted]);
    expect(report.admitted).toBeGreaterThan(0);
    expect(metrics.values('QueueWaiting')).toEqual([report.waiting]);
    expect(metrics.values('QueueActive')).toEqual([report.active]);
  });

  it('reports the abuse audit rows a real sweep leaves in Redis', async () => {
    metrics.clear();
    const result = (await flushAbuseAudit({}, {} as never)) as { backlog: number };
    expect(metrics.values('AbuseAuditBacklog')).toEqual([result.backlog]);
  });

  it('counts a request answered 503 because a dependency timed out', async () => {
    const route = httpHandler({ auth: 'public' }, async () => {
      throw Object.assign(new Error('Redis command timed out'), { name: 'TimeoutError' });
    });
    metrics.clear();
    const r = await route({ httpMethod: 'GET', headers: {}, requestContext: { requestId: 'dep-1' } } as unknown as APIGatewayProxyEvent, {} as never);
    expect(r.statusCode).toBe(503);
    expect(metrics.total('DependencyUnavailable')).toBe(1);
    // The EMF line is the one the dashboard's metrics come from: namespace TicketRush, the `service` dimension.
    expect(metrics.lines.at(-1)?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'TicketRush', Dimensions: [['service']] });
    expect(metrics.lines.at(-1)).toMatchObject({ service: 'ticketrush' });
  });
});
