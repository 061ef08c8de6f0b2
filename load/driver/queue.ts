/**
 * `npm run load:queue [-- --users 2000 --concurrency 100]` — the waiting room under load, end to end on the local
 * cloud: N virtual users sign in, join over REST, subscribe over WebSocket and wait until they are admitted.
 *
 * Phase A (joins): the queue admits one user at a time, so the line builds up while everyone joins and subscribes.
 * Phase B (admission): the config opens to admitPerSecond = N/10, and every user waits for its ACTIVE push.
 *
 * Reports join throughput and p50/p95/p99 latency, the error rate, admission tick → ACTIVE received p99 (the ACTIVE
 * message's `ts` is the tick's instant), @connections calls per tick (observed on the admission tick in this
 * process), and — in the same run, against the same Redis — a bare EVALSHA loop and the service-level direct join
 * at the same concurrency (target: direct join ≥ 50% of bare EVALSHA). JSON + markdown land in load/reports/.
 */
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { markdownTable, percentile, round, runConcurrently, summary, writeReport } from './queue-measure';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 2000);
const CONCURRENCY = arg('concurrency', 100);
const ADMIT_TIMEOUT_MS = arg('admit-timeout-ms', 120_000);
const BASELINE_ROUNDS = 5;
// The SDK's notice about Node 20 support is for operators of deployed code, not for a load run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface LocalCloud {
  url: string;
  wsUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
}
// Loaded by path at run time: the local cloud is development tooling, not part of the type-checked driver surface.
const cloudModule = '../../local/cloud';

async function post(url: string, body: unknown, token?: string, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function signIn(api: string, nickname: string, role: 'USER' | 'ADMIN' = 'USER'): Promise<string> {
  return (await post(`${api}/auth/dev/sign-in`, { nickname, role })).accessToken as string;
}

interface Subscriber {
  socket: WebSocket;
  ranks: number[];
  active?: { ts: number; receivedAt: number };
  error?: string;
}

function subscribe(wsUrl: string, token: string, concertId: string): Promise<Subscriber> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    const s: Subscriber = { socket, ranks: [] };
    const timer = setTimeout(() => {
      s.error = 'subscribe timed out';
      resolve(s);
    }, 30_000);
    socket.on('open', () => socket.send(JSON.stringify({ action: 'subscribe', concertId })));
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; position?: number; ts: string };
      if (m.type === 'RANK_UPDATE') s.ranks.push(m.position!);
      if (m.type === 'ACTIVE') s.active ??= { ts: Date.parse(m.ts), receivedAt: Date.now() };
      clearTimeout(timer);
      resolve(s);
    });
    socket.on('error', (e) => {
      s.error = e.message;
      clearTimeout(timer);
      resolve(s);
    });
  });
}

/**
 * The direct join against a bare EVALSHA of a one-line script on the same Redis, at the same concurrency, in this
 * process: the service-level join (WaitingRoomQueue.place: cached config and opening, one Lua script) and, to show
 * where the difference lies, the join script alone through its adapter. A warm-up fills the settings cache and loads
 * the scripts; rounds then alternate so no side gets the quieter moments, and each verdict is the median of the
 * per-round ratios. The concert's own config admits almost nobody, so the admission loop stays idle.
 */
async function joinVersusBare(redis: Redis, admin: string, configUrl: string, concertId: string) {
  const { waitingRoom } = await import('#composition/waiting-room');
  const { redisWaitingLine } = await import('../../functions/adapters/redis/waiting-room-line');
  await post(configUrl, { mode: 'direct', admitPerSecond: 1, maxActive: 1, activeTtlSeconds: 600, maxWaiting: 10_000_000 }, admin, 'PUT');
  const sha = (await redis.script('LOAD', "return redis.call('EXISTS', KEYS[1])")) as string;
  const line = redisWaitingLine(redis);
  const calls = Math.max(5_000, USERS * 5);
  let user = 0;
  const variants = {
    bare: () => runConcurrently(calls, CONCURRENCY, () => redis.evalsha(sha, 1, `bare:{${concertId}}`)),
    script: () => runConcurrently(calls, CONCURRENCY, () => line.join(`${concertId}-script`, `u-${user++}`, { nowMs: Date.now(), maxWaiting: 1e9, phase: 'OPEN' })),
    service: () => runConcurrently(calls, CONCURRENCY, () => waitingRoom().queue.place(concertId, `u-${user++}`)),
  };
  for (const run of Object.values(variants)) await run();
  const rounds: Array<{ bare: number; script: number; service: number; serviceRatio: number; scriptRatio: number }> = [];
  for (let r = 0; r < BASELINE_ROUNDS; r++) {
    const [b, j, s] = [await variants.bare(), await variants.script(), await variants.service()];
    if (b.errors || j.errors || s.errors) throw new Error(`baseline errors: bare ${b.errors}, script ${j.errors}, service ${s.errors}`);
    rounds.push({ bare: round(b.perSecond, 0), script: round(j.perSecond, 0), service: round(s.perSecond, 0), scriptRatio: round(j.perSecond / b.perSecond, 3), serviceRatio: round(s.perSecond / b.perSecond, 3) });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    rounds,
    medianBare: median(rounds.map((r) => r.bare)),
    medianScript: median(rounds.map((r) => r.script)),
    medianService: median(rounds.map((r) => r.service)),
    medianScriptRatio: median(rounds.map((r) => r.scriptRatio)),
    medianServiceRatio: median(rounds.map((r) => r.serviceRatio)),
  };
}

async function main() {
  const { startLocalCloud } = (await import(cloudModule)) as { startLocalCloud: (o: { port: number; seed: boolean }) => Promise<LocalCloud> };
  const cloud = await startLocalCloud({ port: 0, seed: false });
  const api = `${cloud.url}/v1`;
  const redis = new Redis(cloud.env.REDIS_URL!);
  try {
    const { waitingRoom } = await import('#composition/waiting-room');
    const concertId = `load-${Date.now().toString(36)}`;
    const ticks: Array<{ at: number; pushCalls: number; admitted: number; waiting: number }> = [];
    waitingRoom().tick.observe((r) => r.concertId === concertId && ticks.push({ at: Date.now(), pushCalls: r.pushCalls, admitted: r.admitted, waiting: r.waiting }));

    const admin = await signIn(api, 'load-admin', 'ADMIN');
    const configUrl = `${api}/admin/concerts/${concertId}/queue-config`;
    const base = { mode: 'direct', activeTtlSeconds: 600, maxWaiting: 10_000_000 };
    await post(configUrl, { ...base, admitPerSecond: 1, maxActive: 1 }, admin, 'PUT');

    console.log(`signing in ${USERS} users…`);
    const tokens: string[] = new Array(USERS);
    await runConcurrently(USERS, 50, async (i) => (tokens[i] = await signIn(api, `load-${i}`)));

    console.log(`joining (${CONCURRENCY} in flight)…`);
    const joins = await runConcurrently(USERS, CONCURRENCY, (i) => post(`${api}/concerts/${concertId}/queue`, {}, tokens[i]));

    console.log('subscribing over WebSocket…');
    const subscribers: Subscriber[] = new Array(USERS);
    await runConcurrently(USERS, CONCURRENCY, async (i) => (subscribers[i] = await subscribe(cloud.wsUrl, tokens[i]!, concertId)));

    console.log('admitting…');
    const phaseB = Date.now();
    await post(configUrl, { ...base, admitPerSecond: Math.max(10, Math.ceil(USERS / 10)), maxActive: USERS }, admin, 'PUT');
    const deadline = Date.now() + ADMIT_TIMEOUT_MS;
    while (Date.now() < deadline && subscribers.some((s) => !s.active && !s.error)) await new Promise((r) => setTimeout(r, 250));

    const admittedInB = subscribers.filter((s) => s.active && s.active.ts >= phaseB);
    const pushLatency = admittedInB.map((s) => s.active!.receivedAt - s.active!.ts);
    const notAdmitted = subscribers.filter((s) => !s.active).length;
    const wsErrors = subscribers.filter((s) => s.error).length;
    const rankRegressions = subscribers.filter((s) => s.ranks.some((p, i) => i > 0 && p >= s.ranks[i - 1]!)).length;
    const ticksInB = ticks.filter((t) => t.at >= phaseB && (t.admitted > 0 || t.pushCalls > 0));
    const tickCalls = ticksInB.map((t) => t.pushCalls);
    for (const s of subscribers) s.socket.close();

    console.log('baseline: bare EVALSHA and the service-level direct join against the same Redis…');
    const baseline = await joinVersusBare(redis, admin, configUrl.replace(concertId, `${concertId}-svc`), `${concertId}-svc`);

    const errors = joins.errors + wsErrors + notAdmitted;
    const json = {
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!, 2) },
      users: USERS,
      concurrency: CONCURRENCY,
      join: { perSecond: round(joins.perSecond, 0), errors: joins.errors, latencyMs: summary(joins.latenciesMs) },
      errorRate: round(errors / USERS, 4),
      websocket: { errors: wsErrors, notAdmitted, rankRegressions },
      admissionPushMs: { count: pushLatency.length, ...summary(pushLatency) },
      connectionsCallsPerTick: { ticks: tickCalls.length, max: Math.max(0, ...tickCalls), p99: round(percentile(tickCalls, 99), 0), mean: round(tickCalls.reduce((a, b) => a + b, 0) / (tickCalls.length || 1), 1), perTick: ticksInB.map(({ admitted, waiting, pushCalls }) => ({ admitted, waitingAfter: waiting, pushCalls })) },
      baseline: {
        rounds: baseline.rounds,
        bareEvalshaPerSecond: baseline.medianBare,
        scriptJoinPerSecond: baseline.medianScript,
        serviceJoinPerSecond: baseline.medianService,
        scriptJoinVsBare: baseline.medianScriptRatio,
        serviceJoinVsBare: baseline.medianServiceRatio,
        httpJoinVsBare: round(joins.perSecond / baseline.medianBare, 3),
      },
    };
    const table = markdownTable([
      { metric: 'HTTP join throughput', value: `${json.join.perSecond}/s` },
      { metric: 'HTTP join latency p50 / p95 / p99', value: `${json.join.latencyMs.p50} / ${json.join.latencyMs.p95} / ${json.join.latencyMs.p99} ms` },
      { metric: 'error rate (join + WS + never admitted)', value: `${json.errorRate} (${errors} of ${USERS})` },
      { metric: 'admission tick → ACTIVE received p99', value: `${json.admissionPushMs.p99} ms (${pushLatency.length} pushes)` },
      { metric: '@connections calls per tick (max / p99 / mean)', value: `${json.connectionsCallsPerTick.max} / ${json.connectionsCallsPerTick.p99} / ${json.connectionsCallsPerTick.mean}` },
      { metric: 'rank updates that did not decrease', value: rankRegressions },
      { metric: 'bare EVALSHA', value: `${json.baseline.bareEvalshaPerSecond}/s` },
      { metric: 'join script alone (adapter, same Redis)', value: `${json.baseline.scriptJoinPerSecond}/s; median paired ratio ${round(json.baseline.scriptJoinVsBare * 100, 1)}% of bare` },
      { metric: 'service-level direct join (same Redis)', value: `${json.baseline.serviceJoinPerSecond}/s; median of ${BASELINE_ROUNDS} paired rounds: ${round(json.baseline.serviceJoinVsBare * 100, 1)}% of bare (target ≥ 50%)` },
      { metric: 'HTTP join vs bare EVALSHA', value: `${round(json.baseline.httpJoinVsBare * 100, 1)}%` },
    ]);
    console.log(table);
    const path = writeReport('queue-load', json, `# Waiting-room load (${USERS} WebSocket users)\n\n${CONCURRENCY} requests in flight; ${json.machine.cpus} CPUs, 1-minute load average ${json.machine.loadAverage1m} at the end of the run (the machine is shared).\n\n${table}\n`);
    console.log(`report: ${path}`);
    if (errors > 0) process.exitCode = 1;
  } finally {
    redis.disconnect();
    await cloud.stop();
  }
}

await main();
