/**
 * `npm run load:seats [-- --watchers 2000 --seats-per-second 50 --seconds 30]` — seat-map pushes under load, end to end
 * on the local cloud: W WebSocket clients open one show's seat page (availability, then `watchSeats`) while buyers
 * hold seats through the REST API at a steady rate (4 seats a hold, admitted through the waiting room first).
 *
 * Reports @connections calls per second (every SEATS message a watcher received is one call; goal ≤ watchers per
 * interval), change-to-screen latency (from the reservation's `heldAt` — the server's instant of the change — to the
 * SEATS message naming the seat, for every watcher and seat; goal p99 < 1.5 s; from the hold request's start and
 * answer too, which add the hold's own latency on this shared machine) and messages dropped (a watcher missing a held seat or seeing a version
 * gap; goal 0). Every version and change is checked at every watcher. JSON + markdown land in load/reports/.
 */
import { cpus, loadavg } from 'node:os';
import WebSocket from 'ws';
import { createOneShowConcert } from './api-concert';
import { numberArg, post, signIn, startCloud } from './driver-kit';
import { markdownTable, percentile, round, runConcurrently, summary, writeReport } from './queue-measure';

const WATCHERS = numberArg('watchers', 2000);
const SEATS_PER_SECOND = numberArg('seats-per-second', 50);
const SECONDS = numberArg('seconds', 30);
const SEATS_PER_HOLD = 4;
/** How long after the last hold the watchers may still receive its message. */
const DRAIN_MS = 5_000;

interface SeatsMessage {
  type: string;
  version: number;
  changes: Array<{ seatId: string; status: string }>;
}

interface Watcher {
  socket: WebSocket;
  version: number;
  gaps: number;
  /** seatId → when this watcher first saw it HELD. */
  seen: Map<string, number>;
}

function openWatcher(wsUrl: string, token: string, showId: string, version: number, received: number[]): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}?token=${encodeURIComponent(token)}`);
    const w: Watcher = { socket, version, gaps: 0, seen: new Map() };
    const timer = setTimeout(() => reject(new Error('watchSeats timed out')), 30_000);
    socket.on('open', () => {
      socket.send(JSON.stringify({ action: 'watchSeats', showId }));
      // watchSeats has no reply: a ping's PONG after it says the watch was handled (messages are handled in order).
      socket.send(JSON.stringify({ action: 'ping' }));
    });
    socket.on('message', (data) => {
      const at = Date.now();
      const m = JSON.parse(String(data)) as SeatsMessage;
      if (m.type === 'PONG') {
        clearTimeout(timer);
        resolve(w);
        return;
      }
      if (m.type !== 'SEATS') return;
      received.push(at);
      if (m.version !== w.version + 1) w.gaps++;
      w.version = Math.max(w.version, m.version);
      for (const c of m.changes) if (c.status === 'HELD' && !w.seen.has(c.seatId)) w.seen.set(c.seatId, at);
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function main() {
  const cloud = await startCloud();
  const api = `${cloud.url}/v1`;
  const watchers: Watcher[] = [];
  try {
    const holds = Math.ceil((SEATS_PER_SECOND * SECONDS) / SEATS_PER_HOLD);
    const admin = await signIn(api, 'seats-admin', 'ADMIN');
    const t = Date.now().toString(36);
    const rows = Math.ceil((holds * SEATS_PER_HOLD) / 50);
    const { concertId, showId } = await createOneShowConcert((path, body) => post(`${api}${path}`, body, admin), `Seat load ${t}`, { rows, seatsPerRow: 50 });
    // The interval the in-process push workers coalesce by (the cloud put the stage's environment in process.env).
    const { seatPushIntervalMs } = await import('#composition/live-updates');
    const intervalMs = seatPushIntervalMs();
    await post(`${api}/admin/concerts/${concertId}/queue-config`, { mode: 'direct', admitPerSecond: 500, maxActive: holds + 10, activeTtlSeconds: 3600, maxWaiting: 1_000_000 }, admin, 'PUT');

    console.log(`admitting ${holds} buyers…`);
    const buyers: Array<{ token: string; admission?: string }> = new Array(holds);
    await runConcurrently(holds, 25, async (i) => {
      const token = await signIn(api, `seat-buyer-${t}-${i}`);
      await post(`${api}/concerts/${concertId}/queue`, {}, token);
      buyers[i] = { token };
    });
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && buyers.some((b) => !b.admission); ) {
      await runConcurrently(holds, 25, async (i) => {
        const b = buyers[i]!;
        if (b.admission) return;
        const status = await post(`${api}/concerts/${concertId}/queue/me`, undefined, b.token, 'GET');
        if (typeof status.admissionToken === 'string') b.admission = status.admissionToken;
      });
      await new Promise((r) => setTimeout(r, 500));
    }
    if (buyers.some((b) => !b.admission)) throw new Error('not every buyer was admitted within 2 minutes');

    console.log(`opening ${WATCHERS} seat pages…`);
    const viewer = await signIn(api, `seat-viewer-${t}`);
    const received: number[] = [];
    const availability = await (await fetch(`${api}/concerts/${concertId}/shows/${showId}/availability`)).json() as { version: number };
    await runConcurrently(WATCHERS, 50, async (i) => (watchers[i] = await openWatcher(cloud.wsUrl, viewer, showId, availability.version, received)));
    if (watchers.filter(Boolean).length !== WATCHERS) throw new Error('not every watcher opened');

    console.log(`holding ${SEATS_PER_SECOND} seats/s for ${SECONDS} s…`);
    /** The seat changed at the reservation's `heldAt` (the server's instant of the hold, same machine clock). */
    const heldAt = new Map<string, number>();
    const requestedAt = new Map<string, number>();
    const answeredAt = new Map<string, number>();
    const holdMs: number[] = [];
    const holdErrors: string[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: holds }, async (_, i) => {
        await new Promise((r) => setTimeout(r, started + (i * 1000 * SEATS_PER_HOLD) / SEATS_PER_SECOND - Date.now()));
        const seatIds = Array.from({ length: SEATS_PER_HOLD }, (_, k) => { const n = i * SEATS_PER_HOLD + k; return `A-${Math.floor(n / 50) + 1}-${(n % 50) + 1}`; });
        const at = Date.now();
        try {
          const reservation = await post(`${api}/reservations`, { showId, seatIds }, buyers[i]!.token, 'POST', { 'x-admission-token': buyers[i]!.admission!, 'idempotency-key': `hold-${t}-${i}` });
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
    const changeWindowMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, DRAIN_MS));

    const latencies: number[] = [];
    const afterRequest: number[] = [];
    const afterAnswer: number[] = [];
    let missing = 0;
    for (const w of watchers) {
      for (const [seatId, at] of heldAt) {
        const seenAt = w.seen.get(seatId);
        if (seenAt === undefined) missing++;
        else {
          latencies.push(seenAt - at);
          afterRequest.push(seenAt - (requestedAt.get(seatId) ?? at));
          afterAnswer.push(seenAt - (answeredAt.get(seatId) ?? at));
        }
      }
    }
    const gaps = watchers.reduce((n, w) => n + w.gaps, 0);
    const perSecond = new Map<number, number>();
    for (const at of received) perSecond.set(Math.floor((at - started) / 1000), (perSecond.get(Math.floor((at - started) / 1000)) ?? 0) + 1);
    const callsPerSecond = [...perSecond.values()];
    const goal = Math.ceil(WATCHERS * (1000 / intervalMs));
    const latency = summary(latencies);
    const json = {
      machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!, 2) },
      watchers: WATCHERS,
      seatsPerSecond: SEATS_PER_SECOND,
      seconds: SECONDS,
      intervalMs,
      holds: { attempted: holds, failed: holdErrors.length, seatsChanged: heldAt.size, changeWindowMs, errors: holdErrors.slice(0, 5) },
      connectionsCallsPerSecond: { max: Math.max(0, ...callsPerSecond), mean: round(received.length / (callsPerSecond.length || 1), 0), total: received.length, goalMax: goal },
      messagesPerWatcher: round(received.length / WATCHERS, 1),
      changeToScreenMs: { samples: latencies.length, ...latency },
      holdRequestToScreenMs: summary(afterRequest),
      holdAnswerToScreenMs: summary(afterAnswer),
      holdRequestMs: summary(holdMs),
      dropped: { versionGaps: gaps, missingSeatChanges: missing },
    };
    const table = markdownTable([
      { metric: 'watchers / seats changed', value: `${WATCHERS} / ${heldAt.size} (${holds - holdErrors.length} holds of ${SEATS_PER_HOLD} over ${round(changeWindowMs / 1000, 1)} s)` },
      { metric: '@connections calls per second (max / mean)', value: `${json.connectionsCallsPerSecond.max} / ${json.connectionsCallsPerSecond.mean} (goal ≤ ${goal} = watchers × 1 s / ${intervalMs} ms)` },
      { metric: 'SEATS messages per watcher', value: `${json.messagesPerWatcher} (vs ${heldAt.size} changes)` },
      { metric: 'change-to-screen p50 / p95 / p99 / max', value: `${latency.p50} / ${latency.p95} / ${latency.p99} / ${latency.max} ms (goal p99 < 1500)` },
      { metric: 'hold request sent → screen p50 / p99', value: `${json.holdRequestToScreenMs.p50} / ${json.holdRequestToScreenMs.p99} ms` },
      { metric: 'hold answered → screen p50 / p99', value: `${json.holdAnswerToScreenMs.p50} / ${json.holdAnswerToScreenMs.p99} ms` },
      { metric: 'hold request p50 / p99', value: `${json.holdRequestMs.p50} / ${json.holdRequestMs.p99} ms` },
      { metric: 'messages dropped (version gaps + missing changes)', value: `${gaps} + ${missing} (goal 0)` },
      { metric: 'failed holds', value: holdErrors.length },
    ]);
    console.log(table);
    const path = writeReport('seats', json, `# Seat pushes under load (${WATCHERS} watchers, ${SEATS_PER_SECOND} seats/s for ${SECONDS} s)\n\nLocal cloud in this process; ${json.machine.cpus} CPUs, 1-minute load average ${json.machine.loadAverage1m} at the end of the run (the machine is shared). Change-to-screen runs from the reservation's heldAt (the server's instant of the change) to the SEATS message naming the seat, per watcher and seat (${latencies.length} samples).\n\n${table}\n`);
    console.log(`report: ${path}`);
    if (gaps + missing + holdErrors.length > 0 || percentile(latencies, 99) >= 1500 || json.connectionsCallsPerSecond.max > goal) process.exitCode = 1;
  } finally {
    for (const w of watchers) w?.socket.close();
    // A cloud still draining a push backlog to thousands of sockets may take long to stop; the report is written.
    const stopped = await Promise.race([cloud.stop().then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000).unref())]);
    if (!stopped) console.error('the local cloud did not stop within 15 s; exiting anyway');
  }
}

await main();
process.exit();
