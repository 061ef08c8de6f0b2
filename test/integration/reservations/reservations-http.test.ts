import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionToken, seedShow } from './fixtures';
import { invoke, type ApiEventInput } from '../../helpers/api-event';
import { principal as user } from './fixtures';
import { startWireRecorder, withWireRecorder } from './wire-recorder';
import { useStreamEvents } from '../../helpers/stream-events';

const stream = useStreamEvents();
import { ADMISSION_AUDIENCE, signJwt } from '#adapters/jwt/jwt';
import type { Principal } from '#domain/identity';
import { GetCommand } from '#platform/clients/dynamo-commands';
import { keys } from '#adapters/dynamo/keys';
import { dynamo, tableName } from '#platform/clients';
import { waitingRoom } from '#composition/waiting-room';
import { redisPopularityCounters } from '#adapters/redis/catalog-popularity';
import { redis } from '#platform/clients/redis';

type Handlers = typeof import('../../../functions/http/reservations') & typeof import('../../../functions/http/reservation-reads');
type PolicyHandlers = typeof import('../../../functions/http/sales-policy');
let api: Handlers;
let policyApi: PolicyHandlers;
let wire: Awaited<ReturnType<typeof startWireRecorder>>;

beforeAll(async () => {
  let hold: typeof import('../../../functions/http/reservations');
  let reads: typeof import('../../../functions/http/reservation-reads');
  ({ wire, modules: [hold, reads, policyApi] } = await withWireRecorder(() =>
    Promise.all([import('../../../functions/http/reservations'), import('../../../functions/http/reservation-reads'), import('../../../functions/http/sales-policy')]),
  ));
  api = { ...hold, ...reads };
});
afterAll(() => wire.stop());


/** A hold by a buyer the waiting room has admitted to this concert (admitted once, however many holds race). */
const admitted = new Map<string, Promise<string>>();
async function holdAs(principal: Principal, concertId: string, req: Omit<ApiEventInput, 'principal'>) {
  const key = `${principal.userId}/${concertId}`;
  if (!admitted.has(key)) admitted.set(key, admissionToken(principal.userId, concertId));
  const headers = { ...req.headers, 'X-Admission-Token': await admitted.get(key)! };
  return invoke(api.holdSeats, { ...req, principal, headers });
}

describe('POST /v1/reservations', () => {
  it('answers 201 with the Reservation and starts its deadline execution; the change stream announces ReservationHeld', async () => {
    const { showId, concertId } = await seedShow();
    const res = await holdAs(user('h1'), concertId, { body: { showId, seatIds: ['A-1-1'] } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'HOLD', showId, seats: [{ seatId: 'A-1-1', section: 'A', row: 1, number: 1, grade: 'VIP', price: 150000 }], amount: 150000, currency: 'KRW' });
    expect(res.body).not.toHaveProperty('version');
    const id = res.body.reservationId as string;
    const start = wire.calls.find((c) => c.target.endsWith('.StartExecution') && c.body.name === id);
    expect(start?.body).toMatchObject({ stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:HoldDeadlines' });
    expect(JSON.parse(String(start?.body.input))).toEqual({ reservationId: id, holdExpiresAt: res.body.holdExpiresAt });
    // The handler sends no event: ReservationHeld follows from the committed reservation, through the change stream.
    expect(wire.calls.some((c) => c.target.endsWith('.PutEvents'))).toBe(false);
    expect(await stream.of(id)).toEqual([expect.objectContaining({ detailType: 'ReservationHeld', detail: expect.objectContaining({ reservationId: id, seatIds: ['A-1-1'] }) })]);
  });

  it('still answers 201 when the deadline execution cannot start', async () => {
    const { showId, concertId } = await seedShow();
    wire.failNext(1);
    const res = await holdAs(user('h2'), concertId, { body: { showId, seatIds: ['A-1-2'] } });
    expect(res.status).toBe(201);
    // …and hands the hold to the overdue sweeper instead.
    const holdExpiresAt = String(res.body.holdExpiresAt);
    const marker = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.overdueHold(holdExpiresAt, String(res.body.reservationId)) }));
    expect(marker.Item).toMatchObject({ phase: 'HOLD', deadline: holdExpiresAt });
  });

  it('replays the first response for the same key and body, and refuses a different body with IDEMPOTENCY_CONFLICT', async () => {
    const { showId, concertId } = await seedShow();
    const headers = { 'Idempotency-Key': 'key-1' };
    const first = await holdAs(user('idem'), concertId, { headers, body: { showId, seatIds: ['A-1-1'] } });
    const replay = await holdAs(user('idem'), concertId, { headers, body: `{ "seatIds": ["A-1-1"], "showId": "${showId}" }` });
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const conflict = await holdAs(user('idem'), concertId, { headers, body: { showId, seatIds: ['A-1-2'] } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'IDEMPOTENCY_CONFLICT' } });
    // Keys are scoped per user: another buyer's identical key is a fresh request.
    const other = await holdAs(user('idem-2'), concertId, { headers, body: { showId, seatIds: ['A-1-3'] } });
    expect(other.status).toBe(201);
  });

  it('runs one of several concurrent first requests with the same key; none holds twice', async () => {
    const { showId, concertId } = await seedShow();
    const headers = { 'idempotency-key': 'same-moment' };
    const results = await Promise.all(Array.from({ length: 6 }, () => holdAs(user('twin'), concertId, { headers, body: { showId, seatIds: ['A-1-4'] } })));
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.reservationId)).size).toBe(1);
    for (const r of results) if (r.status !== 201) expect(r.body).toMatchObject({ error: { code: 'CONFLICT' } });
    const list = await invoke(api.listReservations, { principal: user('twin') });
    expect(list.body.items).toHaveLength(1);
  });

  it('re-runs a key whose first attempt failed instead of replaying the failure', async () => {
    const { showId, concertId } = await seedShow({ policy: { holdTtlSeconds: 1 } });
    const headers = { 'idempotency-key': 'retry-after-loss' };
    await holdAs(user('blocker'), concertId, { body: { showId, seatIds: ['A-1-5'] } });
    const lost = await holdAs(user('retrier'), concertId, { headers, body: { showId, seatIds: ['A-1-5', 'A-1-6'] } });
    expect(lost.status).toBe(409);
    expect(lost.body).toMatchObject({ error: { code: 'SEAT_UNAVAILABLE', details: { seatIds: ['A-1-5'] } } });
    await new Promise((r) => setTimeout(r, 1100)); // the blocker's 1 s hold lapses
    const retried = await holdAs(user('retrier'), concertId, { headers, body: { showId, seatIds: ['A-1-5', 'A-1-6'] } });
    expect(retried.status).toBe(201);
  });

  it('refuses bad input with 400 naming the field, never 500', async () => {
    const { showId, concertId } = await seedShow();
    const cases = [
      { body: '{"showId":', path: '' },
      { body: { showId, seatIds: [] }, path: 'seatIds' },
      { body: { showId, seatIds: ['nonsense'] }, path: 'seatIds.0' },
      { body: { seatIds: ['A-1-1'] }, path: 'showId' },
      { body: { showId, seatIds: ['A-1-1'], extra: true }, path: '' },
    ];
    for (const c of cases) {
      const res = await holdAs(user('bad'), concertId, { ...c });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { issues: expect.arrayContaining([expect.objectContaining({ path: c.path })]) } } });
    }
    const badKey = await holdAs(user('bad'), concertId, { headers: { 'idempotency-key': 'has space' }, body: { showId, seatIds: ['A-1-1'] } });
    expect(badKey.status).toBe(400);
    expect((await invoke(api.holdSeats, { body: { showId, seatIds: ['A-1-1'] } })).status).toBe(401);
  });
});

describe('admission to hold', () => {
  it('refuses a hold without a valid admission token for this user and concert with 403 NOT_ADMITTED, writing nothing', async () => {
    const { showId, concertId } = await seedShow();
    const other = await seedShow();
    const body = { showId, seatIds: ['A-1-1'] };
    // One buyer per case: six hold attempts by one user in a second would trip the HOLD_BURST rule (429) first.
    const attempts = {
      missing: {},
      garbage: { 'x-admission-token': 'not-a-jwt' },
      otherConcert: { 'x-admission-token': await admissionToken('gate-otherConcert', other.concertId) },
      otherUser: { 'x-admission-token': await admissionToken('someone-else', concertId) },
      expired: { 'x-admission-token': (await signJwt({ cid: concertId }, { audience: ADMISSION_AUDIENCE, subject: 'gate-expired', ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) })).token },
      accessToken: { 'x-admission-token': (await signJwt({ cid: concertId }, { audience: 'ticketrush-api', subject: 'gate-accessToken', ttlSeconds: 60 })).token },
    };
    for (const [name, headers] of Object.entries(attempts)) {
      const res = await invoke(api.holdSeats, { principal: user(`gate-${name}`), headers, body });
      expect(res.status, name).toBe(403);
      expect(res.body, name).toMatchObject({ error: { code: 'NOT_ADMITTED' } });
    }
    const leftToken = await admissionToken('gate-left', concertId);
    await waitingRoom().queue.leave(concertId, 'gate-left');
    const afterLeaving = await invoke(api.holdSeats, { principal: user('gate-left'), headers: { 'x-admission-token': leftToken }, body });
    expect(afterLeaving.status, 'a token whose slot was given back').toBe(403);
    expect((await holdAs(user('gate'), concertId, { body })).status).toBe(201);
  });
});

describe('GET /v1/reservations', () => {
  it('shows a reservation to its owner and an ADMIN, 404 to anyone else', async () => {
    const { showId, concertId } = await seedShow();
    const held = await holdAs(user('owner'), concertId, { body: { showId, seatIds: ['A-1-7'] } });
    const id = held.body.reservationId as string;
    const pathParameters = { reservationId: id };
    expect((await invoke(api.getReservation, { principal: user('owner'), pathParameters })).body).toEqual(held.body);
    expect((await invoke(api.getReservation, { principal: user('boss', 'BASIC', 'ADMIN'), pathParameters })).status).toBe(200);
    expect((await invoke(api.getReservation, { principal: user('stranger'), pathParameters })).status).toBe(404);
  });

  it('lists the caller’s own newest first, filtered by status, paged with a cursor that only works for them', async () => {
    const { showId, concertId } = await seedShow();
    const ids = [];
    for (const seat of ['A-1-1', 'A-1-2', 'A-1-3']) ids.push((await holdAs(user('lister'), concertId, { body: { showId, seatIds: [seat] } })).body.reservationId);
    const page1 = await invoke(api.listReservations, { principal: user('lister'), query: { limit: '2', status: 'HOLD' } });
    expect(page1.body.items).toHaveLength(2);
    expect((page1.body.items as { reservationId: string }[]).map((r) => r.reservationId)).toEqual([ids[2], ids[1]]);
    const page2 = await invoke(api.listReservations, { principal: user('lister'), query: { limit: '2', cursor: String(page1.body.nextCursor) } });
    expect((page2.body.items as { reservationId: string }[]).map((r) => r.reservationId)).toEqual([ids[0]]);
    expect((await invoke(api.listReservations, { principal: user('lister'), query: { status: 'CONFIRMED' } })).body).toEqual({ items: [], nextCursor: null });
    const stolen = await invoke(api.listReservations, { principal: user('thief'), query: { cursor: String(page1.body.nextCursor) } });
    expect(stolen.status).toBe(400);
    expect((await invoke(api.listReservations, { principal: user('lister'), query: { status: 'LOST' } })).status).toBe(400);
  });
});

describe('GET/PUT /v1/concerts/{concertId}/sales-policy', () => {
  const valid = { presaleStartAt: '2026-12-01T10:00:00.000Z', presaleEndAt: '2026-12-01T12:00:00.000Z', presaleMinimumTier: 'GOLD', presaleCodes: ['SECRET'], generalSaleStartAt: '2026-12-02T10:00:00.000Z', maxTicketsPerUser: 2, holdTtlSeconds: 120, paymentTtlSeconds: 300, refundCutoffHours: 48 };

  it('serves the defaults publicly when none is stored, and 404 for an unknown concert', async () => {
    const { concertId } = await seedShow();
    const res = await invoke(policyApi.getSalesPolicy, { pathParameters: { concertId } });
    expect(res.body).toMatchObject({ concertId, isDefault: true, maxTicketsPerUser: 4, holdTtlSeconds: 300, paymentTtlSeconds: 600, refundCutoffHours: 24 });
    expect((await invoke(policyApi.getSalesPolicy, { pathParameters: { concertId: 'nope' } })).status).toBe(404);
  });

  it('lets an ADMIN replace it, hides the codes publicly, and refuses a USER', async () => {
    const { concertId } = await seedShow();
    const put = await invoke(policyApi.putSalesPolicy, { principal: user('admin', 'VIP', 'ADMIN'), pathParameters: { concertId }, body: valid });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ ...valid, version: 1 });
    const { presaleStartAt: _s, presaleEndAt: _e, presaleMinimumTier: _t, presaleCodes: _c, ...generalOnly } = valid;
    const replaced = await invoke(policyApi.putSalesPolicy, { principal: user('admin', 'VIP', 'ADMIN'), pathParameters: { concertId }, body: generalOnly });
    expect(replaced.body).toMatchObject({ version: 2 });
    expect(replaced.body).not.toHaveProperty('presaleCodes');
    await invoke(policyApi.putSalesPolicy, { principal: user('admin', 'VIP', 'ADMIN'), pathParameters: { concertId }, body: valid });
    const pub = await invoke(policyApi.getSalesPolicy, { pathParameters: { concertId } });
    expect(pub.body).toMatchObject({ isDefault: false, presaleCodeRequired: true, presaleMinimumTier: 'GOLD' });
    expect(pub.body).not.toHaveProperty('presaleCodes');
    expect((await invoke(policyApi.putSalesPolicy, { principal: user('fan'), pathParameters: { concertId }, body: valid })).status).toBe(403);
  });

  it('answers 400 naming each bad field', async () => {
    const { concertId } = await seedShow();
    const res = await invoke(policyApi.putSalesPolicy, {
      principal: user('admin', 'VIP', 'ADMIN'),
      pathParameters: { concertId },
      body: { ...valid, presaleEndAt: undefined, maxTicketsPerUser: 0, holdTtlSeconds: 3601 },
    });
    expect(res.status).toBe(400);
    const paths = (res.body.error as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path).sort();
    expect(paths).toEqual(['holdTtlSeconds', 'maxTicketsPerUser', 'presaleEndAt']);
  });
});

describe('popularity', () => {
  it('counts each admission from the line and each held seat toward the concert', async () => {
    const { showId, concertId } = await seedShow();
    const score = async () => (await redisPopularityCounters(redis).scores([concertId])).get(concertId) ?? 0;
    expect(await score()).toBe(0);
    expect((await holdAs(user('fan-1'), concertId, { body: { showId, seatIds: ['A-1-1', 'A-1-2'] } })).status).toBe(201);
    expect(await score()).toBe(1 + 2);
  });
});

