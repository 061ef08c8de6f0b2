import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { solve } from '#domain/abuse/proof-of-work-sha256';
import { abuseBlockedDetail } from '#domain/abuse/events';
import { invoke, admin, type ApiEventInput } from '../../helpers/api-event';
import { admissionToken, principal, seedShow } from '../reservations/fixtures';
import { startWireRecorder, withWireRecorder } from '../reservations/wire-recorder';
import { unique } from './harness';
import { useStreamEvents } from '../../helpers/stream-events';

/** `AbuseBlocked` follows from the BLOCKED audit row, through the table's change stream. */
const stream = useStreamEvents();

type Modules = [typeof import('../../../functions/http/abuse'), typeof import('../../../functions/http/queue'), typeof import('../../../functions/http/reservations'), typeof import('../../../functions/http/admin-queue')];
let abuseApi: Modules[0];
let queueApi: Modules[1];
let reservationsApi: Modules[2];
let adminQueue: Modules[3];
let wire: Awaited<ReturnType<typeof startWireRecorder>>;

beforeAll(async () => {
  ({ wire, modules: [abuseApi, queueApi, reservationsApi, adminQueue] } = await withWireRecorder(() =>
    Promise.all([import('../../../functions/http/abuse'), import('../../../functions/http/queue'), import('../../../functions/http/reservations'), import('../../../functions/http/admin-queue')]),
  ));
});
afterAll(() => wire.stop());

const admitted = admissionToken;

const hold = (userId: string, token: string, body: unknown, headers: Record<string, string> = {}) =>
  invoke(reservationsApi.holdSeats, { method: 'POST', principal: principal(userId), headers: { 'x-admission-token': token, ...headers }, body });
const join = (userId: string, concertId: string, headers: Record<string, string> = {}) =>
  invoke(queueApi.joinQueue, { method: 'POST', principal: principal(userId), pathParameters: { concertId }, headers });
const audit = (query: ApiEventInput['query']) => invoke(abuseApi.listAbuseAudit, { principal: admin, query });

describe('refusals over HTTP', () => {
  it('answers a 4th hold attempt in 10 s 429 ABUSE_BLOCKED with Retry-After, and audits every attempt, the refused one too', async () => {
    const { concertId, showId } = await seedShow({ seatsPerRow: 10 });
    const userId = unique('burst');
    const token = await admitted(userId, concertId);
    const results = [];
    for (const seat of ['A-1-1', 'A-1-2', 'A-1-3', 'A-1-4']) results.push(await hold(userId, token, { showId, seatIds: [seat] }));
    expect(results.slice(0, 3).map((r) => r.status)).toEqual([201, 201, 201]);
    const refused = results[3]!;
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'ABUSE_BLOCKED', details: { rule: 'HOLD_BURST' } } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(10);

    const rows = await audit({ userId, concertId });
    expect(rows.status).toBe(200);
    expect(rows.body.items.map((r: { result: string; rule?: string }) => `${r.result}:${r.rule ?? ''}`)).toEqual(['BLOCKED:HOLD_BURST', 'ALLOWED:', 'ALLOWED:', 'ALLOWED:']);
    expect(rows.body.items[0]).toMatchObject({ action: 'HOLD', userId, concertId, requestId: expect.any(String), at: expect.any(String), clientAddress: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(JSON.stringify(rows.body)).not.toContain('127.0.0.1');
    const announced = (await stream.all()).filter((e) => e.detailType === 'AbuseBlocked' && e.detail.userId === userId);
    expect(announced).toHaveLength(1);
    expect(abuseBlockedDetail.parse(announced[0]!.detail)).toMatchObject({ rule: 'HOLD_BURST', action: 'HOLD', userId, concertId, retryAfterSeconds: Number(refused.headers['retry-after']) });
  });

  it('keeps the audit row of a hold the seats refused (409): the audit write is not part of the hold', async () => {
    const { concertId, showId } = await seedShow();
    const [winner, loser] = [unique('winner'), unique('loser')];
    expect((await hold(winner, await admitted(winner, concertId), { showId, seatIds: ['A-1-1'] })).status).toBe(201);
    const lost = await hold(loser, await admitted(loser, concertId), { showId, seatIds: ['A-1-1'] });
    expect(lost.status).toBe(409);
    const rows = await audit({ userId: loser });
    expect(rows.body.items).toEqual([expect.objectContaining({ action: 'HOLD', result: 'ALLOWED', userId: loser, concertId, requestId: expect.any(String) })]);
  });

  it('refuses a blocked user at join and hold, lists and lifts blocks', async () => {
    const { concertId, showId } = await seedShow();
    const userId = unique('scalper');
    const token = await admitted(userId, concertId);
    const blocked = await invoke(abuseApi.blockForConcert, { method: 'POST', principal: admin, pathParameters: { concertId }, body: { userId, reason: 'resale ring' } });
    expect(blocked.status).toBe(201);
    const j = await join(userId, concertId);
    expect(j.status).toBe(429);
    expect(j.body.error).toMatchObject({ code: 'ABUSE_BLOCKED', details: { rule: 'BLOCKED' } });
    expect(j.headers['retry-after']).toBe('3600');
    const h = await hold(userId, token, { showId, seatIds: ['A-1-2'] });
    expect(h.body.error).toMatchObject({ code: 'ABUSE_BLOCKED', details: { rule: 'BLOCKED' } });
    const list = await invoke(abuseApi.listConcertBlocks, { principal: admin, pathParameters: { concertId } });
    expect(list.body.items).toEqual([expect.objectContaining({ userId, reason: 'resale ring', by: admin.userId })]);
    expect((await invoke(abuseApi.unblockForConcert, { method: 'DELETE', principal: admin, pathParameters: { concertId }, body: { userId, reason: 'appeal upheld' } })).status).toBe(204);
    expect((await join(userId, concertId)).status).toBe(200);
    expect((await invoke(abuseApi.unblockForConcert, { method: 'DELETE', principal: admin, pathParameters: { concertId }, body: { userId, reason: 'again' } })).status).toBe(404);
    expect((await invoke(abuseApi.blockForConcert, { method: 'POST', principal: admin, pathParameters: { concertId }, body: { reason: 'nobody' } })).status).toBe(400);
    expect((await invoke(abuseApi.blockForConcert, { method: 'POST', principal: principal('u'), pathParameters: { concertId }, body: { userId, reason: 'x' } })).status).toBe(403);
  });

  it('answers RATE_LIMITED with Retry-After once an ADMIN lowers a concert’s join limit', async () => {
    const { concertId } = await seedShow();
    const put = await invoke(abuseApi.putConcertRateLimits, { method: 'PUT', principal: admin, pathParameters: { concertId }, body: { join: { user: { limit: 1, periodSeconds: 30 } } } });
    expect(put.body).toEqual({ join: { user: { limit: 1, periodSeconds: 30 } } });
    const userId = unique('eager');
    expect((await join(userId, concertId)).status).toBe(200);
    const again = await join(userId, concertId);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { rule: 'RATE_LIMIT_USER' } });
    expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(29);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect((await invoke(abuseApi.putConcertRateLimits, { method: 'PUT', principal: admin, pathParameters: { concertId }, body: { join: { user: { limit: 0, periodSeconds: 30 } } } })).status).toBe(400);
  });
});

describe('join challenge over HTTP', () => {
  it('refuses a join without a solved challenge with a fresh one in details, passes a solved one once, refuses the replay', async () => {
    const { concertId } = await seedShow();
    const config = { mode: 'direct', admitPerSecond: 50, maxActive: 500, activeTtlSeconds: 600, maxWaiting: 1000, challengeDifficulty: 10 };
    expect((await invoke(adminQueue.putQueueConfig, { method: 'PUT', principal: admin, pathParameters: { concertId }, body: config })).status).toBe(200);
    const userId = unique('fan');
    const bare = await join(userId, concertId);
    expect(bare.status).toBe(403);
    expect(bare.body.error).toMatchObject({ code: 'CHALLENGE_REQUIRED', details: { challenge: { challengeId: expect.any(String), salt: expect.any(String), difficulty: 10, expiresAt: expect.any(String) } } });
    const issued = await invoke(abuseApi.getJoinChallenge, { principal: principal(userId), pathParameters: { concertId } });
    expect(issued.status).toBe(200);
    const header = `${issued.body.challengeId}:${solve(issued.body.salt, issued.body.difficulty)}`;
    const ok = await join(userId, concertId, { 'x-queue-challenge': header });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'WAITING' });
    const replay = await join(userId, concertId, { 'x-queue-challenge': header });
    expect(replay.status).toBe(403);
    expect(replay.body.error.code).toBe('CHALLENGE_REQUIRED');
    expect((await join(userId, concertId, { 'x-queue-challenge': 'garbage' })).body.error.code).toBe('CHALLENGE_REQUIRED');
  });
});

describe('GET /v1/admin/audit/abuse', () => {
  it('finds every block by each filter, newest first, keyset-paged', async () => {
    const { concertId } = await seedShow();
    const other = await seedShow();
    const [scalper, device] = [unique('scalper'), unique('device')];
    await invoke(abuseApi.blockForConcert, { method: 'POST', principal: admin, pathParameters: { concertId }, body: { userId: scalper, reason: 'x' } });
    // Audit times have millisecond resolution: step past `before` so a join in the same millisecond cannot match `to: before`.
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const oldestFirst: string[] = [];
    for (let i = 0; i < 3; i++) oldestFirst.push((await join(scalper, concertId, { 'x-device-id': device })).body.requestId);
    const ids = [...oldestFirst].reverse();
    await invoke(abuseApi.putConcertRateLimits, { method: 'PUT', principal: admin, pathParameters: { concertId: other.concertId }, body: { join: { user: { limit: 1, periodSeconds: 60 } } } });
    await join(scalper, other.concertId);
    const limited = (await join(scalper, other.concertId)).body.requestId;
    await new Promise((r) => setTimeout(r, 5));
    const after = new Date().toISOString();

    const ruleOf = (q: ApiEventInput['query']) => audit(q).then((r) => (r.body.items as { requestId: string }[]).map((i) => i.requestId));
    expect(await ruleOf({ userId: scalper })).toEqual([limited, ...ids]);
    expect(await ruleOf({ concertId })).toEqual(ids);
    expect(await ruleOf({ concertId: other.concertId, rule: 'RATE_LIMIT_USER' })).toEqual([limited]);
    expect(await ruleOf({ userId: scalper, rule: 'BLOCKED' })).toEqual(ids);
    expect(await ruleOf({ userId: scalper, action: 'JOIN', result: 'BLOCKED', concertId })).toEqual(ids);
    expect(await ruleOf({ userId: scalper, result: 'ALLOWED' })).toEqual([]);
    expect(await ruleOf({ userId: scalper, from: before, to: after })).toHaveLength(4);
    expect(await ruleOf({ userId: scalper, to: before })).toEqual([]);
    expect(await ruleOf({ rule: 'BLOCKED', from: before, to: after })).toEqual(expect.arrayContaining(ids));
    expect((await audit({ rule: 'BLOCKED', from: before })).body.items.every((i: { rule: string }) => i.rule === 'BLOCKED')).toBe(true);

    const page1 = await audit({ userId: scalper, limit: '3' });
    expect(page1.body.items).toHaveLength(3);
    const page2 = await audit({ userId: scalper, limit: '3', cursor: page1.body.nextCursor });
    expect([...page1.body.items, ...page2.body.items].map((i: { requestId: string }) => i.requestId)).toEqual([limited, ...ids]);
    expect((await audit({ rule: 'NOPE' })).status).toBe(400);
    expect((await audit({ cursor: 'not-a-cursor' })).status).toBe(400);
    expect((await invoke(abuseApi.listAbuseAudit, { principal: principal('u') })).status).toBe(403);
  });
});
