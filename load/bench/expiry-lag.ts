/**
 * `npm run bench:expiry [-- --holds 500 --concurrency 32]`
 *
 * How late do holds expire? Starts the whole local cloud (gateway, real authorizer, waiting room, the CDK-
 * synthesized hold-deadline state machine on local Step Functions), admits N buyers through the waiting room,
 * has each hold one seat with a 2 s hold TTL, and waits until every reservation is EXPIRED. The lag of each is
 * `expiredAt - holdExpiresAt` as the expiry wrote it; its seat must be AVAILABLE again. Prints a table and writes
 * JSON and markdown to load/reports/.
 */
import { BatchGetCommand } from '#platform/clients/dynamo-commands';
import { startLocalCloud } from '../../local/cloud';
import { createOneShowConcert } from '../driver/api-concert';
import { writeReport } from '../driver/queue-measure';

const args = new Map(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])));
const HOLDS = Number(args.get('holds') ?? 500);
const CONCURRENCY = Number(args.get('concurrency') ?? 32);
const HOLD_TTL_SECONDS = 2;

type Json = Record<string, unknown>;

async function pool<T>(n: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n) }, async () => {
    while (next < n) {
      const i = next++;
      out[i] = await work(i);
    }
  }));
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  process.env.LOG_LEVEL ??= 'ERROR';
  const cloud = await startLocalCloud({ port: 0, seed: false });
  try {
    const api = async (method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
      const res = await fetch(`${cloud.url}/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      const text = await res.text();
      const body = (text ? JSON.parse(text) : {}) as Json;
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
      return body;
    };
    const signIn = async (nickname: string, role = 'USER') => (await api('POST', '/auth/dev/sign-in', { body: { nickname, role } })).accessToken as string;

    const admin = await signIn(`expiry-admin-${Date.now()}`, 'ADMIN');
    const tag = Date.now().toString(36);
    const rows = Math.ceil(HOLDS / 50);
    const { concertId, showId } = await createOneShowConcert((path, body) => api('POST', path, { token: admin, body }), `Expiry ${tag}`, { rows, seatsPerRow: 50 });
    await api('PUT', `/concerts/${concertId}/sales-policy`, { token: admin, body: { generalSaleStartAt: '2020-01-01T00:00:00.000Z', maxTicketsPerUser: 4, holdTtlSeconds: HOLD_TTL_SECONDS, paymentTtlSeconds: 60, refundCutoffHours: 24 } });
    await api('PUT', `/admin/concerts/${concertId}/queue-config`, { token: admin, body: { mode: 'direct', admitPerSecond: HOLDS, maxActive: HOLDS, activeTtlSeconds: 600, maxWaiting: HOLDS * 2 } });

    console.error(`admitting ${HOLDS} buyers…`);
    const buyers = await pool(HOLDS, async (i) => {
      const token = await signIn(`expiry-${tag}-${i}`);
      await api('POST', `/concerts/${concertId}/queue`, { token, body: {} });
      return token;
    });
    const admissions = await pool(HOLDS, async (i) => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const s = await api('GET', `/concerts/${concertId}/queue/me`, { token: buyers[i] });
        if (s.status === 'ACTIVE' && s.admissionToken) return s.admissionToken as string;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`buyer ${i} was never admitted`);
    });

    console.error(`holding ${HOLDS} seats with a ${HOLD_TTL_SECONDS} s hold…`);
    const seatOf = (i: number) => `A-${Math.floor(i / 50) + 1}-${(i % 50) + 1}`;
    const holds = await pool(HOLDS, (i) =>
      api('POST', '/reservations', { token: buyers[i], body: { showId, seatIds: [seatOf(i)] }, headers: { 'x-admission-token': admissions[i]!, 'idempotency-key': `expiry-${tag}-${i}` } }),
    );

    // Read every reservation and seat straight from the table until all have expired.
    const { dynamo, tableName } = await import('../../functions/platform/clients');
    const { keys } = await import('../../functions/adapters/dynamo/keys');
    const readAll = async (keyList: Record<string, string>[]) => {
      const items: Json[] = [];
      for (let i = 0; i < keyList.length; i += 100) {
        const res = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keyList.slice(i, i + 100), ConsistentRead: true } } }));
        items.push(...((res.Responses?.[tableName()] ?? []) as Json[]));
      }
      return items;
    };
    const deadline = Date.now() + 60_000;
    let reservations: Json[] = [];
    while (Date.now() < deadline) {
      reservations = await readAll(holds.map((h) => keys.reservation(h.reservationId as string)));
      if (reservations.length === HOLDS && reservations.every((r) => r.status === 'EXPIRED')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const expired = reservations.filter((r) => r.status === 'EXPIRED');
    const seats = await readAll(holds.map((_, i) => keys.seat(showId, seatOf(i))));
    const available = seats.filter((s) => s.status === 'AVAILABLE').length;
    const lags = expired.map((r) => Date.parse(r.expiredAt as string) - Date.parse(r.holdExpiresAt as string)).sort((a, b) => a - b);

    const row = {
      holds: HOLDS,
      expired: expired.length,
      seatsAvailableAgain: available,
      lagP50Ms: percentile(lags, 50),
      lagP95Ms: percentile(lags, 95),
      lagP99Ms: percentile(lags, 99),
      lagMaxMs: lags.at(-1) ?? NaN,
      within2s: lags.filter((l) => l <= 2000).length,
    };
    const markdown = [
      `# Hold expiry lag — ${new Date().toISOString()}`,
      '',
      `The whole local cloud; ${HOLDS} buyers admitted through the waiting room each hold one seat (${HOLD_TTL_SECONDS} s hold TTL) through the gateway; each hold's execution of the CDK-synthesized hold-deadline state machine (local Step Functions) expires it. Lag = expiredAt − holdExpiresAt.`,
      '',
      '| holds | expired | seats AVAILABLE again | lag p50 ms | p95 ms | p99 ms | max ms | expired within 2 s |',
      '|---|---|---|---|---|---|---|---|',
      `| ${row.holds} | ${row.expired} | ${row.seatsAvailableAgain} | ${row.lagP50Ms} | ${row.lagP95Ms} | ${row.lagP99Ms} | ${row.lagMaxMs} | ${row.within2s} |`,
      '',
    ].join('\n');
    console.log(markdown);
    writeReport('expiry-lag', { at: new Date().toISOString(), ...row }, markdown);
    if (row.expired !== HOLDS || row.seatsAvailableAgain !== HOLDS) process.exitCode = 1;
  } finally {
    await cloud.stop();
  }
}

await main();
