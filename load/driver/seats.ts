/**
 * `npm run load:seats [-- --watchers 2000 --seats-per-second 50 --seconds 30 --warmup-seconds 5]` — seat-map pushes under load, end to end
 * on the local cloud: W WebSocket clients open one show's seat page (availability, then `watchSeats`) while buyers
 * hold seats through the REST API at a steady rate (4 seats a hold, admitted through the waiting room first).
 *
 * Reports @connections calls per second (counted where the local stand-in delivers them: the most in any 1 s, and the
 * mean; goal ≤ watchers per interval), change-to-screen latency (from the reservation's `heldAt` — the server's instant of the change — to the
 * SEATS message naming the seat, for every watcher and seat; goal p99 < 1.5 s; from the hold request's start and
 * answer too, which add the hold's own latency on this shared machine) and messages dropped (a watcher missing a held seat or seeing a version
 * gap; goal 0). Every version and change is checked at every watcher. JSON + markdown land in load/reports/.
 * The watchers live in `--watcher-processes` child processes (./seat-watchers.ts, default 2), apart from the cloud.
 * The measured run follows a warm-up at the same rate on other seats, reported on its own (the cloud's code is cold at
 * first; see the report's header), and a pause that lets its last fan-out settle.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createOneShowConcert } from './api-concert';
import { numberArg, post, signIn, startCloud } from './driver-kit';
import { pushBaseline } from './push-baseline';
import { markdownTable, round, runConcurrently, summary, writeReport } from './queue-measure';
import type { FromWatchers, ToWatchers } from './seat-watchers';

const WATCHERS = numberArg('watchers', 2000);
const SEATS_PER_SECOND = numberArg('seats-per-second', 50);
const SECONDS = numberArg('seconds', 30);
const WATCHER_PROCESSES = numberArg('watcher-processes', 2);
const WARMUP_SECONDS = numberArg('warmup-seconds', 5);
/** Between the warm-up and the measured run: longer than an interval and its slack, so no version is paced by both. */
const QUIET_MS = 2_000;
const SEATS_PER_HOLD = 4;
/** How long after the last hold the watchers may still receive its message. */
const DRAIN_MS = 5_000;

/** One child process of watchers and a way to ask it something and await its answer. */
function watcherProcess() {
  const child: ChildProcess = fork(new URL('./seat-watchers.ts', import.meta.url), { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
  const ask = (m: ToWatchers) =>
    new Promise<FromWatchers>((resolve, reject) => {
      child.once('message', (answer: FromWatchers) => resolve(answer));
      child.once('exit', (code) => reject(new Error(`a watcher process exited (${code})`)));
      child.send(m);
    });
  return { ask, stop: () => child.kill() };
}

/** Percentiles and max of [ms, count] histograms merged. */
function histogramSummary(parts: Array<Array<[number, number]>>) {
  const merged = new Map<number, number>();
  for (const part of parts) for (const [ms, n] of part) merged.set(ms, (merged.get(ms) ?? 0) + n);
  const sorted = [...merged].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((t, [, n]) => t + n, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const [ms, n] of sorted) if ((seen += n) >= Math.ceil((p / 100) * total)) return ms;
    return NaN;
  };
  return { samples: total, p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1)?.[0] ?? NaN };
}

async function main() {
  // Before the cloud starts, so nothing else of this run shares the cores while it is taken.
  const baseline = await pushBaseline();
  const cloud = await startCloud();
  const api = `${cloud.url}/v1`;
  const processes: Array<ReturnType<typeof watcherProcess>> = [];
  try {
    const holds = Math.ceil((SEATS_PER_SECOND * SECONDS) / SEATS_PER_HOLD);
    const warmupHolds = Math.ceil((SEATS_PER_SECOND * WARMUP_SECONDS) / SEATS_PER_HOLD);
    const buyerCount = warmupHolds + holds;
    const admin = await signIn(api, 'seats-admin', 'ADMIN');
    const t = Date.now().toString(36);
    const rows = Math.ceil((buyerCount * SEATS_PER_HOLD) / 50);
    const { concertId, showId } = await createOneShowConcert((path, body) => post(`${api}${path}`, body, admin), `Seat load ${t}`, { rows, seatsPerRow: 50 });
    // The interval the in-process push workers coalesce by (the cloud put the stage's environment in process.env).
    const { seatPushIntervalMs } = await import('#composition/live-updates');
    const intervalMs = seatPushIntervalMs();
    await post(`${api}/admin/concerts/${concertId}/queue-config`, { mode: 'direct', admitPerSecond: 500, maxActive: buyerCount + 10, activeTtlSeconds: 3600, maxWaiting: 1_000_000 }, admin, 'PUT');

    console.log(`admitting ${buyerCount} buyers…`);
    const buyers: Array<{ token: string; admission?: string }> = new Array(buyerCount);
    await runConcurrently(buyerCount, 25, async (i) => {
      const token = await signIn(api, `seat-buyer-${t}-${i}`);
      await post(`${api}/concerts/${concertId}/queue`, {}, token);
      buyers[i] = { token };
    });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && buyers.some((b) => !b.admission); ) {
      await runConcurrently(buyerCount, 25, async (i) => {
        const b = buyers[i]!;
        if (b.admission) return;
        const status = await post(`${api}/concerts/${concertId}/queue/me`, undefined, b.token, 'GET');
        if (typeof status.admissionToken === 'string') b.admission = status.admissionToken;
      });
      await new Promise((r) => setTimeout(r, 500));
    }
    if (buyers.some((b) => !b.admission)) throw new Error('not every buyer was admitted within 2 minutes');

    console.log(`opening ${WATCHERS} seat pages in ${WATCHER_PROCESSES} processes…`);
    const viewer = await signIn(api, `seat-viewer-${t}`);
    const availability = await (await fetch(`${api}/concerts/${concertId}/shows/${showId}/availability`)).json() as { version: number };
    for (let i = 0; i < WATCHER_PROCESSES; i++) processes.push(watcherProcess());
    const opened = await Promise.all(
      processes.map((p, i) => {
        const count = Math.floor(WATCHERS / WATCHER_PROCESSES) + (i < WATCHERS % WATCHER_PROCESSES ? 1 : 0);
        return p.ask({ type: 'open', wsUrl: cloud.wsUrl, token: viewer, showId, version: availability.version, count });
      }),
    );
    const failed = opened.find((o) => o.type === 'failed');
    if (failed?.type === 'failed') throw new Error(`not every watcher opened: ${failed.message}`);

    /** The seat changed at the reservation's `heldAt` (the server's instant of the hold, same machine clock). */
    const heldAt = new Map<string, number>();
    const requestedAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const holdMs: number[] = [];
    const holdErrors: string[] = [];
    const warmupHeldAt = new Map<string, number>();
    /** Buyers `first`… hold their seats at SEATS_PER_SECOND from now; `measured` ones are recorded. */
    const holdAtRate = (first: number, count: number, measured: boolean) => {
      const from = Date.now();
      return Promise.all(
        Array.from({ length: count }, async (_, k) => {
          const i = first + k;
          await new Promise((r) => setTimeout(r, from + (k * 1000 * SEATS_PER_HOLD) / SEATS_PER_SECOND - Date.now()));
          const seatIds = Array.from({ length: SEATS_PER_HOLD }, (_, j) => { const n = i * SEATS_PER_HOLD + j; return `A-${Math.floor(n / 50) + 1}-${(n % 50) + 1}`; });
          const at = Date.now();
          try {
            const reservation = await post(`${api}/reservations`, { showId, seatIds }, buyers[i]!.token, 'POST', { 'x-admission-token': buyers[i]!.admission!, 'idempotency-key': `hold-${t}-${i}` });
            if (!measured) {
              for (const s of seatIds) warmupHeldAt.set(s, Date.parse(reservation.heldAt as string));
              return;
            }
            const answered = Date.now();
            holdMs.push(answered - at);
            for (const s of seatIds) {
              requestedAt.set(s, at);
              heldAt.set(s, Date.parse(reservation.heldAt as string));
              answeredAt.set(s, answered);
            }
          } catch (e) {
            holdErrors.push((e as Error).message.slice(0, 200));
          }
        }),
      );
    };

    if (warmupHolds > 0) {
      console.log(`warming up: ${SEATS_PER_SECOND} seats/s for ${WARMUP_SECONDS} s, not measured…`);
      await holdAtRate(0, warmupHolds, false);
      await new Promise((r) => setTimeout(r, QUIET_MS));
    }
    console.log(`holding ${SEATS_PER_SECOND} seats/s for ${SECONDS} s…`);
    const started = Date.now();
    // @connections POSTs counted where they land (the stand-in), sampled every 100 ms: calls per second is the most
    // any 1-second window saw, at the source rather than as the watcher processes happened to read them.
    const postSamples: Array<[at: number, posts: number]> = [[started, cloud.connectionPosts()]];
    const sampler = setInterval(() => postSamples.push([Date.now(), cloud.connectionPosts()]), 100);
    await holdAtRate(warmupHolds, holds, true);
    const changeWindowMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, DRAIN_MS));
    clearInterval(sampler);

    const changes = [...heldAt].map(([seatId, at]) => [seatId, at, requestedAt.get(seatId) ?? at, answeredAt.get(seatId) ?? at] as [string, number, number, number]);
    const results = (await Promise.all(processes.map((p) => p.ask({ type: 'report', started, changes, warmup: [...warmupHeldAt] })))).flatMap((r) => (r.type === 'result' ? [r] : []));
    const gaps = results.reduce((n, r) => n + r.gaps, 0);
    const missing = results.reduce((n, r) => n + r.missing, 0);
    const messages = results.reduce((n, r) => n + r.messages, 0);
    const perSecond = new Map<number, number>();
    for (const r of results) for (const [second, n] of r.perSecond) perSecond.set(second, (perSecond.get(second) ?? 0) + n);
    const callsPerSecond = [...perSecond.values()];
    // Each version's fan-out across both processes: from its publish to the first and to the last watcher.
    const fanOutOf = new Map<number, [number, number, number]>();
    for (const r of results) {
      for (const [version, publishedAt, first, last] of r.fanOuts) {
        const seen = fanOutOf.get(version);
        fanOutOf.set(version, seen ? [publishedAt, Math.min(seen[1], first), Math.max(seen[2], last)] : [publishedAt, first, last]);
      }
    }
    const fanOuts = [...fanOutOf].sort((a, b) => a[0] - b[0]).map(([version, [publishedAt, first, last]]) => ({ version, publishedMs: publishedAt - started, firstMs: first - publishedAt, lastMs: last - publishedAt }));
    // Most POSTs between two samples at most 1 s apart (a busy event loop stretches the 100 ms sampling period, so
    // counting ten samples would overstate a second), and the mean over the run.
    let windowMax = 0;
    for (let i = 0, j = 0; i < postSamples.length; i++) {
      while (postSamples[i]![0] - postSamples[j]![0] > 1000) j++;
      windowMax = Math.max(windowMax, postSamples[i]![1] - postSamples[j]![1]);
    }
    const [firstAt, firstPosts] = postSamples[0]!;
    const [lastAt, lastPosts] = postSamples.at(-1)!;
    const goal = Math.ceil(WATCHERS * (1000 / intervalMs));
    const latency = histogramSummary(results.map((r) => r.histograms.held));
    const json = {
      machine: {
        cpus: cpus().length,
        loadAverage1m: round(loadavg()[0]!, 2),
        pushBaseline: { postsPerSecond: round(baseline.perSecond, 0), cpuMicrosPerPost: round(baseline.cpuMicrosPerPost, 0) },
      },
      watchers: WATCHERS,
      seatsPerSecond: SEATS_PER_SECOND,
      seconds: SECONDS,
      intervalMs,
      holds: { attempted: buyerCount, failed: holdErrors.length, seatsChanged: heldAt.size, changeWindowMs, errors: holdErrors.slice(0, 5) },
      warmup: { seconds: WARMUP_SECONDS, seatsChanged: warmupHeldAt.size, changeToScreenMs: histogramSummary(results.map((r) => r.histograms.warmup)) },
      watcherProcesses: WATCHER_PROCESSES,
      connectionsCallsPerSecond: { maxInAnySecond: windowMax, mean: round(((lastPosts - firstPosts) * 1000) / (lastAt - firstAt), 0), total: lastPosts - firstPosts, goalMax: goal },
      messagesReceivedPerSecond: { max: Math.max(0, ...callsPerSecond), total: messages },
      messagesPerWatcher: round(messages / WATCHERS, 1),
      changeToScreenMs: latency,
      holdRequestToScreenMs: histogramSummary(results.map((r) => r.histograms.requested)),
      holdAnswerToScreenMs: histogramSummary(results.map((r) => r.histograms.answered)),
      changeToPublishMs: histogramSummary(results.map((r) => r.histograms.published)),
      publishToScreenMs: histogramSummary(results.map((r) => r.histograms.delivered)),
      holdRequestMs: summary(holdMs),
      dropped: { versionGaps: gaps, missingSeatChanges: missing },
      fanOuts,
    };
    const table = markdownTable([
      { metric: 'push baseline of this machine (production client → loopback 200, before the cloud started)', value: `${json.machine.pushBaseline.postsPerSecond} posts/s, ${json.machine.pushBaseline.cpuMicrosPerPost} µs CPU each` },
      { metric: 'watchers / seats changed', value: `${WATCHERS} / ${heldAt.size} (${heldAt.size / SEATS_PER_HOLD} holds of ${SEATS_PER_HOLD} over ${round(changeWindowMs / 1000, 1)} s)` },
      { metric: '@connections calls per second (most in any 1 s / mean)', value: `${json.connectionsCallsPerSecond.maxInAnySecond} / ${json.connectionsCallsPerSecond.mean} (goal ≤ ${goal} = watchers × 1 s / ${intervalMs} ms)` },
      { metric: 'SEATS messages received per wall-clock second at the watchers (most)', value: json.messagesReceivedPerSecond.max },
      { metric: 'SEATS messages per watcher', value: `${json.messagesPerWatcher} (vs ${heldAt.size} changes)` },
      { metric: 'change-to-screen p50 / p95 / p99 / max', value: `${latency.p50} / ${latency.p95} / ${latency.p99} / ${latency.max} ms (goal p99 < 1500)` },
      { metric: '… of which change → published (stream, coalescing, waiting for the previous fan-out) p50 / p99', value: `${json.changeToPublishMs.p50} / ${json.changeToPublishMs.p99} ms` },
      { metric: '… of which published → screen (the fan-out) p50 / p99', value: `${json.publishToScreenMs.p50} / ${json.publishToScreenMs.p99} ms` },
      { metric: 'hold request sent → screen p50 / p99', value: `${json.holdRequestToScreenMs.p50} / ${json.holdRequestToScreenMs.p99} ms` },
      { metric: 'hold answered → screen p50 / p99', value: `${json.holdAnswerToScreenMs.p50} / ${json.holdAnswerToScreenMs.p99} ms` },
      { metric: 'hold request p50 / p99', value: `${json.holdRequestMs.p50} / ${json.holdRequestMs.p99} ms` },
      ...(warmupHeldAt.size > 0
        ? [{ metric: `warm-up before the run (${WARMUP_SECONDS} s, ${warmupHeldAt.size} seats; not in the figures above) change-to-screen p50 / p99`, value: `${json.warmup.changeToScreenMs.p50} / ${json.warmup.changeToScreenMs.p99} ms` }]
        : []),
      { metric: 'messages dropped, warm-up included (version gaps + missing changes)', value: `${gaps} + ${missing} (goal 0)` },
      { metric: 'failed holds, warm-up included', value: holdErrors.length },
    ]);
    console.log(table);
    const path = writeReport('seats', json, `# Seat pushes under load (${WATCHERS} watchers, ${SEATS_PER_SECOND} seats/s for ${SECONDS} s)\n\nLocal cloud in this process, the watchers in ${WATCHER_PROCESSES} child processes; ${json.machine.cpus} CPUs, 1-minute load average ${json.machine.loadAverage1m} at the end of the run (the machine is shared). This machine's push baseline, taken before the cloud started: ${json.machine.pushBaseline.postsPerSecond} posts/s at ${json.machine.pushBaseline.cpuMicrosPerPost} µs of CPU each (the production @connections client to a loopback endpoint answering 200, in one process, as \`npm run bench:push\` measures it). It is a yardstick for comparing runs across machines and days, not a model of the run: the fan-out does that work and more, on cores it shares with the gateway, the watchers and DynamoDB Local. Change-to-screen runs from the reservation's heldAt (the server's instant of the change) to the SEATS message naming the seat, per watcher and seat (${latency.samples} samples). ${warmupHolds > 0 ? `The run follows a ${WARMUP_SECONDS}-s warm-up at the same rate and a ${QUIET_MS / 1000}-s pause: the first fan-outs after the cloud starts run on code the JIT has not compiled yet, and the pace that keeps the busiest second at one message per watcher carries a slow fan-out into the next versions.` : 'No warm-up: the cloud’s first fan-outs, on code the JIT has not compiled yet, are measured.'}\n\n${table}\n`);
    console.log(`report: ${path}`);
    if (gaps + missing + holdErrors.length > 0 || latency.p99 >= 1500 || json.connectionsCallsPerSecond.maxInAnySecond > goal) process.exitCode = 1;
  } finally {
    for (const p of processes) p.stop();
    // A cloud still draining a push backlog to thousands of sockets may take long to stop; the report is written.
    const stopped = await Promise.race([cloud.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000).unref())]);
    if (!stopped) console.error('the local cloud did not stop within 15 s; exiting anyway');
  }
}

await main();
process.exit();
