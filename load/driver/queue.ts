/**
 * `npm run load:queue [-- --users 2000 --concurrency 100]` — the waiting room under load, end to end on the local
 * cloud: N virtual users sign in, join over REST and then behave as the paced client of api.md: poll `queue/me`
 * after `pollAfterSeconds` (+ up to 25% jitter), open the WebSocket only once `connect` is true (reconnecting with
 * backoff and jitter if the socket fails), subscribe, and wait until they are admitted.
 *
 * The line opens at admitPerSecond = N/20 (100/s for 2,000 users) before anyone joins, as at a sale's opening: joins
 * arrive faster than admissions, so a line builds, and fans learn ACTIVE by push (connected) or by poll.
 *
 * Reports WebSocket connects per second over the run (every second from the first join to the last fan's end, its
 * max and mean, and the mean over the whole run) against the connect budget the server enforces
 * (WS_CONNECTS_PER_SECOND, set from lib/stage-config.ts), status polls per second, join throughput and
 * p50/p95/p99 latency, the error rate, admission tick → ACTIVE received p99 (the ACTIVE message's `ts` is the tick's
 * instant), @connections calls per tick (observed on the admission tick in this process), and — in the same run,
 * against the same Redis — a bare EVALSHA loop and the service-level direct join at the same concurrency (target:
 * direct join ≥ 50% of bare EVALSHA). JSON + markdown land in load/reports/; the exit code is 1 when a goal is missed.
 *
 * Abuse rules: on in phases A and B (ABUSE_RULES=off switches them off for the whole run). Then paired rounds: the
 * same signed-in users join fresh concerts over HTTP with the rules on and off (ABUSE_RULES flipped in process,
 * alternating which goes first), and the report gives join throughput on next to off (goal: on ≥ 90% of off).
 */
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { CLIENT_POLL_JITTER } from '../../functions/domain/waiting-room/client-pacing';
import { numberArg, post, signIn, startCloud } from './driver-kit';
import { markdownTable, percentile, round, runConcurrently, summary, writeReport } from './queue-measure';

const USERS = numberArg('users', 2000);
const CONCURRENCY = numberArg('concurrency', 100);
const ADMIT_TIMEOUT_MS = numberArg('admit-timeout-ms', 240_000);
const RECONNECT_ATTEMPTS = 5;
/** Paired rounds of the join-vs-bare baseline; fewer on a crowded machine (`--baseline-rounds 1`). */
const BASELINE_ROUNDS = numberArg('baseline-rounds', 5);
/**
 * Rounds per side of the rules on/off join comparison. A round is ~1.5 s of joins, short enough for one tick of the
 * local cloud's schedules to swing it ±20%, so the verdict pools eight a side.
 */
const RULES_ROUNDS = numberArg('rules-rounds', 8);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface QueueAnswer {
  status: string;
  position: number;
  pollAfterSeconds?: number;
  connect?: boolean;
}

/** One virtual fan, as the paced client behaves; the run reads what it recorded. */
interface Fan {
  socket?: WebSocket;
  ranks: number[];
  polls: number;
  connects: number[];
  active?: { ts: number; receivedAt: number };
  activeByPoll?: number;
  error?: string;
  /** Resolves when the fan is admitted (push or poll). */
  admitted: Promise<void>;
  markAdmitted: () => void;
}

function newFan(): Fan {
  let markAdmitted = () => {};
  const admitted = new Promise<void>((resolve) => (markAdmitted = resolve));
  return { ranks: [], polls: 0, connects: [], admitted, markAdmitted };
}

/** Opens the socket and subscribes; resolves once the server answered the subscribe (or the socket failed). */
function openAndSubscribe(wsUrl: string, token: string, concertId: string, fan: Fan): Promise<boolean> {
  return new Promise((resolve) => {
    // API Gateway's new-connection quota counts requests as they arrive, so the budget governs when a client starts
    // a connect (a reconnect counts again), not when a busy server gets round to completing the handshake.
    fan.connects.push(Date.now());
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => settle(false), 30_000);
    socket.on('open', () => {
      fan.socket = socket;
      socket.send(JSON.stringify({ action: 'subscribe', concertId }));
    });
    socket.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; position?: number; ts: string };
      if (m.type === 'RANK_UPDATE') fan.ranks.push(m.position!);
      if (m.type === 'ACTIVE') {
        fan.active ??= { ts: Date.parse(m.ts), receivedAt: Date.now() };
        fan.markAdmitted();
      }
      settle(true);
    });
    socket.on('error', () => settle(false));
    socket.on('close', () => settle(false));
  });
}

/**
 * The client contract: poll after `pollAfterSeconds` with jitter until `connect` is true, then connect (backoff
 * with full jitter between failed attempts), then wait for pushes. Done once admitted and connected.
 */
async function runFan(api: string, wsUrl: string, token: string, concertId: string, first: QueueAnswer, fan: Fan, deadline: number): Promise<void> {
  let answer = first;
  while (Date.now() < deadline) {
    if (answer.status === 'ACTIVE') {
      fan.activeByPoll ??= Date.now();
      fan.markAdmitted();
    }
    if (answer.connect) {
      for (let attempt = 0; attempt < RECONNECT_ATTEMPTS && !fan.socket; attempt++) {
        if (attempt) await sleep(Math.random() * 500 * 2 ** attempt);
        await openAndSubscribe(wsUrl, token, concertId, fan);
      }
      if (!fan.socket) fan.error = 'could not connect';
      // Connected: pushes carry the rest (RANK_UPDATE, then ACTIVE).
      await Promise.race([fan.admitted, sleep(Math.max(0, deadline - Date.now()))]);
      return;
    }
    await sleep((answer.pollAfterSeconds ?? 1) * 1000 * (1 + Math.random() * CLIENT_POLL_JITTER));
    fan.polls++;
    answer = (await post(`${api}/concerts/${concertId}/queue/me`, undefined, token, 'GET')) as unknown as QueueAnswer;
  }
}

/** Epoch seconds from the first time's second to the last's, both counted (0 for none). */
const secondsSpanned = (times: number[]) => (times.length ? Math.floor(Math.max(...times) / 1000) - Math.floor(Math.min(...times) / 1000) + 1 : 0);

/** Connects per epoch second (the budget's own windows), every second from `fromMs` to `toMs`. */
function perSecond(times: number[], fromMs: number, toMs: number): number[] {
  const start = Math.floor(fromMs / 1000);
  const buckets = new Array(Math.floor(toMs / 1000) - start + 1).fill(0);
  for (const t of times) buckets[Math.floor(t / 1000) - start]++;
  return buckets;
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

/**
 * HTTP joins with the abuse rules on next to off: each round every user joins a fresh concert (whose config admits
 * almost nobody), the rules switched by ABUSE_RULES in this process (the handlers run here) between rounds.
 */
async function joinsWithRulesOnAndOff(api: string, tokens: string[], admin: string, prefix: string) {
  const { resetConfigCache } = await import('../../functions/platform/config');
  const before = process.env.ABUSE_RULES;
  const rounds: Array<{ rules: 'on' | 'off'; perSecond: number; errors: number; p99: number }> = [];
  try {
    // Two warm-up rounds (one per side, not counted) load the scripts and warm both paths' caches.
    for (let r = -2; r < RULES_ROUNDS * 2; r++) {
      // on, off, off, on, on, off: each side goes first as often as the other.
      const rules = r === -2 || r % 4 === 0 || r % 4 === 3 ? 'on' : 'off';
      process.env.ABUSE_RULES = rules;
      resetConfigCache();
      const concertId = `${prefix}-rules-${r}`;
      await post(`${api}/admin/concerts/${concertId}/queue-config`, { mode: 'direct', admitPerSecond: 1, maxActive: 1, activeTtlSeconds: 600, maxWaiting: 10_000_000 }, admin, 'PUT');
      const joins = await runConcurrently(tokens.length, CONCURRENCY, (i) => post(`${api}/concerts/${concertId}/queue`, {}, tokens[i]));
      if (r < 0) continue;
      rounds.push({ rules, perSecond: round(joins.perSecond, 0), errors: joins.errors, p99: summary(joins.latenciesMs).p99 });
    }
  } finally {
    if (before === undefined) delete process.env.ABUSE_RULES;
    else process.env.ABUSE_RULES = before;
    resetConfigCache();
  }
  // Throughput pooled over each side's rounds (total joins / total time).
  const pooled = (side: 'on' | 'off') => {
    const xs = rounds.filter((x) => x.rules === side);
    return round(xs.length / xs.reduce((t, x) => t + 1 / x.perSecond, 0), 0);
  };
  const on = pooled('on');
  const off = pooled('off');
  return { rounds, onPerSecond: on, offPerSecond: off, onVsOff: round(on / off, 3), errors: rounds.reduce((n, x) => n + x.errors, 0) };
}

async function main() {
  const cloud = await startCloud();
  const api = `${cloud.url}/v1`;
  const redis = new Redis(cloud.env.REDIS_URL!);
  try {
    // The budget the in-process handlers grant connects by (the cloud put the stage's environment in process.env).
    const { config } = await import('../../functions/platform/config');
    const connectBudget = config('WS_CONNECTS_PER_SECOND').WS_CONNECTS_PER_SECOND;
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

    console.log(`joining (${CONCURRENCY} in flight); each fan then polls and connects as paced…`);
    const fans: Fan[] = Array.from({ length: USERS }, newFan);
    const admitPerSecond = Math.max(10, Math.ceil(USERS / 20));
    await post(configUrl, { ...base, admitPerSecond, maxActive: USERS }, admin, 'PUT');
    const phaseB = Date.now();
    const deadline = Date.now() + ADMIT_TIMEOUT_MS;
    const runs: Promise<void>[] = [];
    const runStart = Date.now();
    const joins = await runConcurrently(USERS, CONCURRENCY, async (i) => {
      const first = (await post(`${api}/concerts/${concertId}/queue`, {}, tokens[i])) as unknown as QueueAnswer;
      runs.push(runFan(api, cloud.wsUrl, tokens[i]!, concertId, first, fans[i]!, deadline).catch((e: Error) => void (fans[i]!.error = e.message)));
    });

    console.log(`admitting ${admitPerSecond}/s…`);
    await Promise.all(runs);
    const runEnd = Date.now();
    const runSeconds = (runEnd - runStart) / 1000;

    const admittedInB = fans.filter((s) => s.active && s.active.ts >= phaseB);
    const pushLatency = admittedInB.map((s) => s.active!.receivedAt - s.active!.ts);
    const notAdmitted = fans.filter((s) => !s.active && !s.activeByPoll).length;
    const wsErrors = fans.filter((s) => s.error).length;
    const rankRegressions = fans.filter((s) => s.ranks.some((p, i) => i > 0 && p >= s.ranks[i - 1]!)).length;
    const ticksInB = ticks.filter((t) => t.at >= phaseB && (t.admitted > 0 || t.pushCalls > 0));
    const tickCalls = ticksInB.map((t) => t.pushCalls);
    const connectTimes = fans.flatMap((f) => f.connects);
    const connectsPerSecond = perSecond(connectTimes, runStart, runEnd);
    const polls = fans.reduce((n, f) => n + f.polls, 0);
    for (const s of fans) s.socket?.close();
    console.log('baseline: bare EVALSHA and the service-level direct join against the same Redis…');
    const baseline = await joinVersusBare(redis, admin, configUrl.replace(concertId, `${concertId}-svc`), `${concertId}-svc`);

    console.log('HTTP joins with the abuse rules on and off, alternating rounds…');
    const rules = await joinsWithRulesOnAndOff(api, tokens, admin, concertId);

    const errors = joins.errors + wsErrors + notAdmitted + rules.errors;
    const goals = {
      noErrors: errors === 0,
      connectsWithinBudget: Math.max(0, ...connectsPerSecond) <= connectBudget,
      serviceJoinAtLeast50PercentOfBare: baseline.medianServiceRatio >= 0.5,
      rulesOnAtLeast90PercentOfOff: rules.onVsOff >= 0.9,
    };
    const json = {
      goals,
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!, 2) },
      users: USERS,
      concurrency: CONCURRENCY,
      abuseRules: process.env.ABUSE_RULES === 'off' ? 'off' : 'on',
      rulesOnVsOff: rules,
      join: { perSecond: round(joins.perSecond, 0), errors: joins.errors, latencyMs: summary(joins.latenciesMs) },
      errorRate: round(errors / USERS, 4),
      websocket: { errors: wsErrors, notAdmitted, rankRegressions },
      pacing: {
        connectBudgetPerSecond: connectBudget,
        connects: connectTimes.length,
        connectsPerSecondMax: Math.max(0, ...connectsPerSecond),
        connectsPerSecondMeanWhileConnecting: round(connectTimes.length / Math.max(1, secondsSpanned(connectTimes)), 1),
        connectsPerSecondMeanOverRun: round(connectTimes.length / runSeconds, 1),
        connectsPerSecond,
        runSeconds: round(runSeconds, 1),
        statusPolls: polls,
        statusPollsPerSecond: round(polls / runSeconds, 1),
        admittedByPush: fans.filter((f) => f.active).length,
        admittedByPollFirst: fans.filter((f) => f.activeByPoll && (!f.active || f.activeByPoll < f.active.receivedAt)).length,
      },
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
      { metric: 'WebSocket connects per second (max / mean while connecting / mean over the run)', value: `${json.pacing.connectsPerSecondMax} / ${json.pacing.connectsPerSecondMeanWhileConnecting} / ${json.pacing.connectsPerSecondMeanOverRun} (budget ${connectBudget}/s; ${json.pacing.connects} connects in ${json.pacing.runSeconds} s; per second: ${connectsPerSecond.join(' ')})` },
      { metric: 'status polls', value: `${polls} in ${json.pacing.runSeconds} s (${json.pacing.statusPollsPerSecond}/s)` },
      { metric: 'admitted: learned by push / by poll first', value: `${json.pacing.admittedByPush} / ${json.pacing.admittedByPollFirst}` },
      { metric: 'admission tick → ACTIVE received p99', value: `${json.admissionPushMs.p99} ms (${pushLatency.length} pushes)` },
      { metric: '@connections calls per tick (max / p99 / mean)', value: `${json.connectionsCallsPerTick.max} / ${json.connectionsCallsPerTick.p99} / ${json.connectionsCallsPerTick.mean}` },
      { metric: 'rank updates that did not decrease', value: rankRegressions },
      { metric: 'bare EVALSHA', value: `${json.baseline.bareEvalshaPerSecond}/s` },
      { metric: 'join script alone (adapter, same Redis)', value: `${json.baseline.scriptJoinPerSecond}/s; median paired ratio ${round(json.baseline.scriptJoinVsBare * 100, 1)}% of bare` },
      { metric: 'service-level direct join (same Redis)', value: `${json.baseline.serviceJoinPerSecond}/s; median of ${BASELINE_ROUNDS} paired rounds: ${round(json.baseline.serviceJoinVsBare * 100, 1)}% of bare (target ≥ 50%)` },
      { metric: 'HTTP join vs bare EVALSHA', value: `${round(json.baseline.httpJoinVsBare * 100, 1)}%` },
      { metric: 'HTTP join, abuse rules on vs off', value: `${rules.onPerSecond}/s vs ${rules.offPerSecond}/s = ${round(rules.onVsOff * 100, 1)}% (goal ≥ 90%; ${RULES_ROUNDS} rounds each, pooled; per round: ${rules.rounds.map((x) => `${x.rules} ${x.perSecond}/s`).join(', ')})` },
    ]);
    console.log(table);
    const path = writeReport('queue-load', json, `# Waiting-room load (${USERS} WebSocket users)\n\n${CONCURRENCY} requests in flight; abuse rules ${json.abuseRules} in phases A and B; ${json.machine.cpus} CPUs, 1-minute load average ${json.machine.loadAverage1m} at the end of the run (the machine is shared).\n\n${table}\n`);
    console.log(`report: ${path}`);
    console.log(`goals: ${JSON.stringify(goals)}`);
    if (Object.values(goals).includes(false)) process.exitCode = 1;
  } finally {
    redis.disconnect();
    await cloud.stop();
  }
}

await main();
