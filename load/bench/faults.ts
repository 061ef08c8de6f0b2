/**
 * `npm run bench:faults [-- --pause-ms 10000]`
 *
 * How does the system answer while a dependency is paused or killed? Starts the whole local cloud with the
 * production deadlines (DEADLINE_SCALE=1), admits a fan, then for each fault — redis-server paused, DynamoDB Local
 * paused, redis-server killed (the local cloud restarts it) — keeps calling five routes (join, queue/me, hold, seat
 * map, health) every 100 ms during the fault and measures per route: answer time p50/p99, the status mix, and how long
 * after the fault ended the route answered successfully again. After each fault the invariants are checked: no seat
 * in two live reservations, the seat map agrees with the reservations, no answer of 500. The healthy baseline is
 * measured in the same run. Prints a table and writes load/reports/faults-latest.{md,json}.
 */
import { startLocalCloud, type LocalCloud } from '../../local/cloud';
import { signalOwnChild } from '../../local/fault-injection';
import { createOneShowConcert } from '../driver/api-concert';
import { markdownTable, percentile, round, writeReport } from '../driver/queue-measure';

const args = new Map(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])));
const PAUSE_MS = Number(args.get('pause-ms') ?? 10_000);
const EVERY_MS = 100;
const RECOVERY_LIMIT_MS = 30_000;
const SEAT_MAP_CONVERGE_MS = 5_000;

type Json = Record<string, unknown>;
interface Sample {
  at: number;
  ms: number;
  status: number;
}
type Route = 'join' | 'queue/me' | 'hold' | 'seat map' | 'health';
const SUCCESS: Record<Route, number[]> = { join: [200], 'queue/me': [200], hold: [201, 409], 'seat map': [200], health: [200] };

async function main() {
  process.env.LOG_LEVEL ??= 'ERROR';
  process.env.LOCAL_CLOUD_QUIET ??= 'true';
  // One fan holding every 100 ms is what the abuse rules exist to refuse (429 is then the true answer); this bench
  // measures how dependencies failing are answered, so the rules stay off. EMF metric lines would drown the table.
  process.env.ABUSE_RULES ??= 'off';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  // Setup on this shared machine runs with relaxed deadlines; every measured phase uses the production ones.
  process.env.DEADLINE_SCALE = '10';
  const cloud = await startLocalCloud({ port: 0, seed: false });
  try {
    const api = async (method: string, path: string, o: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
      const res = await fetch(`${cloud.url}/v1${path}`, {
        method,
        headers: { ...(o.body === undefined ? {} : { 'content-type': 'application/json' }), ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...o.headers },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
    };
    const signIn = async (nickname: string, role = 'USER') => (await api('POST', '/auth/dev/sign-in', { body: { nickname, role } })).body.accessToken as string;
    const admin = await signIn('bench-admin', 'ADMIN');
    const create = async (path: string, body: unknown) => (await api('POST', path, { token: admin, body })).body;
    const { concertId, showId } = await createOneShowConcert(create, 'Fault', { rows: 4, seatsPerRow: 50 });
    await api('PUT', `/admin/concerts/${concertId}/queue-config`, { token: admin, body: { mode: 'direct', admitPerSecond: 50, maxActive: 10_000, activeTtlSeconds: 3600, maxWaiting: 100_000 } });

    let fan = '';
    let admission = '';
    const admitFan = async (label: string) => {
      fan = await signIn(`fault-fan-${label}`);
      fans.push(fan);
      let last: unknown;
      for (let i = 0; i < 100 && !admission; i++) {
        // Joining again is idempotent; it also puts the fan back in line after a restart forgot it.
        const joined = await api('POST', `/concerts/${concertId}/queue`, { token: fan, body: {} });
        if (typeof joined.body.admissionToken === 'string') return (admission = joined.body.admissionToken);
        last = joined.body;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`the fan was not admitted: ${JSON.stringify(last)}`);
    };
    let seat = 0;
    const nextSeat = () => `A-${Math.floor(seat / 50) + 1}-${(seat++ % 50) + 1}`;
    const joiner = await signIn('bench-joiner');
    const calls: Record<Route, () => Promise<{ status: number }>> = {
      join: () => api('POST', `/concerts/${concertId}/queue`, { token: joiner, body: {} }),
      'queue/me': () => api('GET', `/concerts/${concertId}/queue/me`, { token: fan }),
      hold: () => api('POST', '/reservations', { token: fan, body: { showId, seatIds: [nextSeat()] }, headers: { 'x-admission-token': admission, 'idempotency-key': `bench-${seat}-${Date.now()}` } }),
      'seat map': () => api('GET', `/concerts/${concertId}/shows/${showId}/seats`),
      health: () => api('GET', '/health'),
    };
    const routes = Object.keys(calls) as Route[];

    /**
     * Calls every route each EVERY_MS from now until `faultOver` has settled and the route has answered truthfully
     * once after it (or RECOVERY_LIMIT_MS passed). Returns each route's samples (start instant, answer time, status).
     */
    const hammer = async (faultOver: Promise<number>, truthful: (route: Route, status: number) => boolean) => {
      let endedAt: number | undefined;
      void faultOver.then((t) => (endedAt = t));
      const samples = Object.fromEntries(routes.map((r) => [r, [] as Sample[]])) as Record<Route, Sample[]>;
      const recovered = {} as Record<Route, number | null>;
      await Promise.all(
        routes.map(async (route) => {
          for (;;) {
            const at = Date.now();
            const started = performance.now();
            const { status } = await calls[route]().catch(() => ({ status: 0 }));
            samples[route].push({ at, ms: performance.now() - started, status });
            if (endedAt !== undefined && at >= endedAt && truthful(route, status)) return (recovered[route] = Date.now() - endedAt);
            if (endedAt !== undefined && Date.now() - endedAt > RECOVERY_LIMIT_MS) return (recovered[route] = null);
            await new Promise((r) => setTimeout(r, EVERY_MS));
          }
        }),
      );
      const over = endedAt as number;
      const during = Object.fromEntries(routes.map((r) => [r, samples[r].filter((x) => x.at < over)])) as Record<Route, Sample[]>;
      return { during, recovered };
    };

    const fans: string[] = [];
    /**
     * The seat map follows the reservations through the change stream and the coalesced seat updates, so it may lag
     * them by a push interval or two: it must agree within SEAT_MAP_CONVERGE_MS, not at once.
     */
    const invariants = async () => {
      const items = [];
      for (const token of fans) items.push(...((await api('GET', '/reservations?limit=100', { token })).body.items as Array<{ status: string; seats: Array<{ seatId: string }> }>));
      const live = items.filter((r) => ['HOLD', 'PAYING', 'CONFIRMED'].includes(r.status));
      const taken = live.flatMap((r) => r.seats.map((s) => s.seatId));
      const expected = JSON.stringify([...taken].sort());
      let agrees = false;
      for (const giveUpAt = Date.now() + SEAT_MAP_CONVERGE_MS; !agrees && Date.now() < giveUpAt; await new Promise((r) => setTimeout(r, 200))) {
        const map = await api('GET', `/concerts/${concertId}/shows/${showId}/seats`);
        const unavailable = (map.body.seats as Array<{ seatId: string; status: string }>).filter((s) => s.status !== 'AVAILABLE').map((s) => s.seatId);
        agrees = JSON.stringify([...unavailable].sort()) === expected;
      }
      return { noSeatInTwoReservations: new Set(taken).size === taken.length, seatMapMatchesReservations: agrees };
    };

    // After a kill the restarted in-memory redis-server has forgotten the line: NOT_ADMITTED is then the true answer.
    const faults: Array<{ name: string; inject: (c: LocalCloud) => Promise<number>; holdAlsoTrue?: number[] }> = [
      { name: 'none (baseline)', inject: async () => (await new Promise((r) => setTimeout(r, PAUSE_MS)), Date.now()) },
      { name: `redis-server paused ${PAUSE_MS / 1000} s`, inject: (c) => pause(c.pids().redis, PAUSE_MS) },
      { name: `DynamoDB Local paused ${PAUSE_MS / 1000} s`, inject: (c) => pause(c.pids().dynamodb, PAUSE_MS) },
      {
        name: 'redis-server killed (restarted by the local cloud)',
        holdAlsoTrue: [403],
        inject: async (c) => {
          signalOwnChild(c.pids().redis, 'SIGKILL');
          const killedAt = Date.now();
          // The fault ends when the supervisor has a new redis-server answering.
          while (Date.now() - killedAt < RECOVERY_LIMIT_MS && (await fetch(`${c.url}/v1/health`)).status !== 200) await new Promise((r) => setTimeout(r, 50));
          return Date.now();
        },
      },
    ];

    const rows: Array<Record<string, string | number>> = [];
    const results: Json[] = [];
    for (const [n, fault] of faults.entries()) {
      process.env.DEADLINE_SCALE = '10';
      admission = '';
      await admitFan(String(n));
      process.env.DEADLINE_SCALE = '1';
      const alsoTrue = fault.holdAlsoTrue ?? [];
      const { during: samples, recovered } = await hammer(fault.inject(cloud), (route, status) => SUCCESS[route].includes(status) || (route === 'hold' && alsoTrue.includes(status)));
      process.env.DEADLINE_SCALE = '10';
      const checks = await invariants();
      for (const route of routes) {
        const s = samples[route];
        const times = s.map((x) => x.ms).sort((a, b) => a - b);
        const mix = Object.entries(s.reduce<Record<string, number>>((m, x) => ((m[x.status] = (m[x.status] ?? 0) + 1), m), {}))
          .map(([status, n]) => `${status}×${n}`)
          .join(' ');
        const row = {
          fault: fault.name,
          route,
          requests: s.length,
          'p50 ms': round(percentile(times, 50), 0),
          'p99 ms': round(percentile(times, 99), 0),
          'max ms': round(times.at(-1) ?? NaN, 0),
          statuses: mix,
          'recovered after ms': recovered[route] ?? `> ${RECOVERY_LIMIT_MS}`,
          invariants: checks.noSeatInTwoReservations && checks.seatMapMatchesReservations && !s.some((x) => x.status === 500) ? 'ok' : 'BROKEN',
        };
        rows.push(row);
        results.push({ ...row, statusCounts: Object.fromEntries(mix.split(' ').map((p) => p.split('×'))), checks });
      }
      console.log(`done: ${fault.name}`);
    }

    const table = markdownTable(rows);
    const broken = rows.filter((r) => r.invariants !== 'ok').length;
    const slow = rows.filter((r) => !String(r.fault).startsWith('none') && Number(r['p99 ms']) >= 2000 && r.route !== 'health');
    const markdown = `# Faults: answers while a dependency is paused or killed

The whole local cloud with the production deadlines (DEADLINE_SCALE=1); each route called every ${EVERY_MS} ms for
${PAUSE_MS / 1000} s per fault (the baseline row is the same load with nothing injected). "recovered after" is measured
from the end of the fault (resume, or the supervisor's restart) to the route's first success. Invariants: no seat in two
live reservations, the seat map agrees with the reservations (within ${SEAT_MAP_CONVERGE_MS / 1000} s: it follows them through the change
stream), no 500. The abuse rules are off: one fan holding every 100 ms is what they refuse.

${table}

Routes over the 2 s bar (p99, REST, excluding /health whose probes wait 2 s by design): ${slow.length ? slow.map((r) => `${r.fault} / ${r.route}`).join(', ') : 'none'}.
Broken invariants: ${broken}.
`;
    console.log(table);
    console.log(`report: ${writeReport('faults', { pauseMs: PAUSE_MS, everyMs: EVERY_MS, results }, markdown)}`);
  } finally {
    await cloud.stop();
  }
}

async function pause(pid: number | undefined, ms: number): Promise<number> {
  signalOwnChild(pid, 'SIGSTOP');
  try {
    await new Promise((r) => setTimeout(r, ms));
  } finally {
    signalOwnChild(pid, 'SIGCONT');
  }
  return Date.now();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
