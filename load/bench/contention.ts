/**
 * `npm run bench:contention [-- --buyers 30,1000 --seats 1,100 --concurrency 64 --rounds 5 --min-attempts 1000]`
 *
 * N buyers race for one seat and for 100 seats under every lab strategy, the production hold service, and two
 * bare SDK baselines issued at the same concurrency against the same DynamoDB Local: a conditional UpdateItem
 * per buyer, and the very TransactWriteItems the production hold sends. Prints a table; writes JSON and markdown
 * to load/reports/. The production/bare-transaction pair runs in alternating rounds (at least `rounds`, and enough
 * for `min-attempts` per side), and the verdict compares their throughput pooled over all rounds.
 */
import { writeReport } from '../driver/queue-measure';
import { startDynamoDb } from '../../local/services/dynamodb';
import { startRedis } from '../../local/services/redis';
import { createTable } from '../../local/bootstrap';
import type { RunningService } from '../../local/services/types';

interface Row {
  strategy: string;
  buyers: number;
  seats: number;
  successes: number;
  doubleBookings: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]));
const list = (name: string, fallback: number[]) => (args.get(name)?.split(',').map(Number) ?? fallback);
const BUYERS = list('buyers', [30, 1000]);
const SEATS = list('seats', [1, 100]);
const CONCURRENCY = Number(args.get('concurrency') ?? 64);
const ROUNDS = Number(args.get('rounds') ?? 5);
/** A 30-buyer race lasts ~0.1 s: too short to time. Small cells repeat until each side made this many attempts. */
const MIN_ATTEMPTS_PER_SIDE = Number(args.get('min-attempts') ?? 1000);
const roundsFor = (buyers: number) => Math.max(ROUNDS, Math.ceil(MIN_ATTEMPTS_PER_SIDE / buyers));
/** Throughput over all rounds pooled (total attempts / total time): equal-sized rounds → the harmonic mean. */
const pooled = (rows: Row[]) => rows.length / rows.reduce((t, r) => t + 1 / r.throughput, 0);

const started: RunningService[] = [];
async function main() {
  const [db, redisServer] = await Promise.all([startDynamoDb(), startRedis()]);
  started.push(db, redisServer);
  const tableName = 'ticketrush-bench';
  await createTable(db.endpoint, tableName);
  Object.assign(process.env, {
    STAGE: 'local',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    TABLE_NAME: tableName,
    REDIS_URL: redisServer.endpoint,
    LOG_LEVEL: 'ERROR',
  });
  // Imported after the environment points at the bench's own services.
  const { runStrategies } = await import('./strategies');
  const s = await runStrategies();

  // DynamoDB Local is a JVM: its first few thousand requests run slower while the JIT warms up.
  console.error('warming up DynamoDB Local…');
  for (const factory of [() => s.bareTransaction(100), () => s.production(100), () => s.lab('conditional', 100), () => s.lab('redis-lock', 100)]) {
    await measure('warm-up', 800, 100, await factory());
  }

  const rows: Row[] = [];
  for (const buyers of BUYERS) {
    for (const seats of SEATS) {
      for (const strategy of s.labStrategies) rows.push(await measure(strategy, buyers, seats, await s.lab(strategy, seats)));
      rows.push(await measure('bare UpdateItem', buyers, seats, await s.bareUpdate(seats)));
      const pairs: { prod: Row; bare: Row }[] = [];
      for (let round = 0; round < roundsFor(buyers); round++) {
        // Alternate which goes first, so neither always runs on the larger, warmer table.
        const runBare = async () => measure('bare TransactWriteItems', buyers, seats, await s.bareTransaction(seats));
        const runProd = async () => measure('production hold', buyers, seats, await s.production(seats));
        const bare = round % 2 ? await runBare() : undefined;
        const prod = await runProd();
        pairs.push({ prod, bare: bare ?? (await runBare()) });
      }
      rows.push(median(pairs.map((p) => p.bare)), median(pairs.map((p) => p.prod)));
      // Rounds alternate side by side in time, so pooling both sides over the same rounds cancels the machine's drift.
      const paired = pairs.map((p) => p.prod.throughput / p.bare.throughput).sort((a, b) => a - b);
      pairedRatios.set(`${buyers}/${seats}`, { pooled: pooled(pairs.map((p) => p.prod)) / pooled(pairs.map((p) => p.bare)), all: paired, rounds: pairs.length });
    }
  }
  await report(rows);
}

const pairedRatios = new Map<string, { pooled: number; all: number[]; rounds: number }>();

export type Attempt = (buyer: number) => Promise<{ won: boolean; seatId: string; userId: string }>;

/** Runs every buyer once through `attempt` with CONCURRENCY in flight; a double booking is a second believed winner of a seat. */
async function measure(strategy: string, buyers: number, seats: number, attempt: Attempt): Promise<Row> {
  const latencies: number[] = [];
  const winners = new Map<string, Set<string>>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, buyers) }, async () => {
      while (next < buyers) {
        const buyer = next++;
        const start = performance.now();
        const r = await attempt(buyer);
        latencies.push(performance.now() - start);
        if (r.won) winners.set(r.seatId, (winners.get(r.seatId) ?? new Set()).add(r.userId));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => round1(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0);
  const successes = [...winners.values()].reduce((n, w) => n + w.size, 0);
  const doubleBookings = [...winners.values()].reduce((n, w) => n + Math.max(0, w.size - 1), 0);
  const row = { strategy, buyers, seats, successes, doubleBookings, throughput: Math.round(buyers / seconds), p50: pct(50), p95: pct(95), p99: pct(99) };
  console.error(`  ${strategy.padEnd(24)} buyers=${buyers} seats=${seats} → ${row.throughput}/s`);
  return row;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function median(rows: Row[]): Row {
  const sorted = [...rows].sort((a, b) => a.throughput - b.throughput);
  return sorted[Math.floor(sorted.length / 2)] as Row;
}

async function report(rows: Row[]) {
  const header = ['strategy', 'buyers', 'seats', 'successes', 'double bookings', 'throughput (att/s)', 'p50 ms', 'p95 ms', 'p99 ms'];
  const lines = rows.map((r) => [r.strategy, r.buyers, r.seats, r.successes, r.doubleBookings, r.throughput, r.p50, r.p95, r.p99].map(String));
  const ratios = BUYERS.flatMap((buyers) =>
    SEATS.map((seats) => {
      const prod = rows.find((r) => r.strategy === 'production hold' && r.buyers === buyers && r.seats === seats) as Row;
      const bare = rows.find((r) => r.strategy === 'bare TransactWriteItems' && r.buyers === buyers && r.seats === seats) as Row;
      const paired = pairedRatios.get(`${buyers}/${seats}`);
      const pct = (x: number) => Math.round(x * 1000) / 10;
      return {
        buyers,
        seats,
        production: prod.throughput,
        bareTransaction: bare.throughput,
        ratioOfMedians: pct(prod.throughput / bare.throughput),
        ratio: pct(paired?.pooled ?? 0),
        rounds: paired?.rounds ?? 0,
        perRound: (paired?.all ?? []).map(pct),
      };
    }),
  );
  const productionDoubleBookings = rows.filter((r) => r.strategy === 'production hold').reduce((n, r) => n + r.doubleBookings, 0);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const table = [header, ...lines].map((cells) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`);
  table.splice(1, 0, `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  const ratioLines = ratios.map(
    (r) =>
      `- ${r.buyers} buyers / ${r.seats} seat(s): pooled over ${r.rounds} rounds **${r.ratio}%** (per round: ${r.perRound.join('%, ')}%); medians ${r.production}/s vs ${r.bareTransaction}/s = ${r.ratioOfMedians}%`,
  );
  const verdict = ratios.every((r) => r.ratio >= 80) && productionDoubleBookings === 0 ? 'PASS' : 'FAIL';
  const markdown = [
    `# Contention benchmark — ${new Date().toISOString()}`,
    '',
    `DynamoDB Local + redis-server on this machine, ${CONCURRENCY} attempts in flight, one attempt per buyer; production/bare-transaction pair = alternating rounds, at least ${ROUNDS} and at least ${MIN_ATTEMPTS_PER_SIDE} attempts per side, pooled.`,
    'Production hold = the HoldSeats service with its production adapters (the sales policy from its Redis write-through cache, seat facts cached per instance and read on a miss, one TransactWriteItems), starting cold each run; the deadline and event ports are no-ops here, and admission is checked before this point.',
    `Abuse rules ${process.env.ABUSE_RULES === 'off' ? 'OFF (ABUSE_RULES=off)' : 'ON: every production hold first runs the abuse guard (one Redis script for all rules, the audit row written to DynamoDB beside the hold, a won hold recorded as unpaid)'}.`,
    '',
    ...table,
    '',
    '## Production hold vs the bare same-shape TransactWriteItems (goal ≥ 80%, 0 double bookings)',
    '',
    'The verdict compares throughput pooled over all rounds (total attempts / total time on each side); rounds alternate which side runs first.',
    '',
    ...ratioLines,
    '',
    `Verdict: **${verdict}** (production double bookings: ${productionDoubleBookings})`,
    '',
  ].join('\n');
  console.log(markdown);
  writeReport('contention', { at: new Date().toISOString(), concurrency: CONCURRENCY, minRounds: ROUNDS, minAttemptsPerSide: MIN_ATTEMPTS_PER_SIDE, rows, ratios, verdict }, markdown);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(async () => {
    if (started.length) {
      const clients = await import('#platform/clients');
      clients.redis().disconnect();
      clients.dynamo().destroy();
    }
    await Promise.allSettled(started.reverse().map((s) => s.stop()));
    process.exit();
  });
