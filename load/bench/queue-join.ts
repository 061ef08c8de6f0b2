/**
 * Redis-only micro-benchmark: the waiting room's join (the real Lua script through the real adapter) against a bare
 * EVALSHA of a one-line script, on the same redis-server, same connection and same concurrency, in one process.
 * `npm run bench:queue-join [-- --joins 20000 --concurrency 64]`.
 */
import { Redis } from 'ioredis';
import { startRedis } from '../../local/services/redis';
import { LuaScript } from '../../functions/adapters/redis/waiting-room-lua';
import { redisWaitingLine } from '../../functions/adapters/redis/waiting-room-line';
import { markdownTable, round, runConcurrently, summary, writeReport, type RunResult } from '../driver/queue-measure';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const joins = arg('joins', 20_000);
const concurrency = arg('concurrency', 64);

const BARE = new LuaScript("return redis.call('EXISTS', KEYS[1])");

async function main() {
  const server = await startRedis();
  const redis = new Redis(server.endpoint, { retryStrategy: () => null });
  try {
    const line = redisWaitingLine(redis);
    const nowMs = Date.now();
    const warm = async () => {
      await runConcurrently(2000, concurrency, (i) => BARE.run(redis, ['warm'], [i]));
      await runConcurrently(2000, concurrency, (i) => line.join('warmup', `w${i}`, { nowMs, maxWaiting: 1e9, phase: 'OPEN' }));
    };
    await warm();
    const rounds: Array<{ bare: RunResult; join: RunResult }> = [];
    // Alternate the two so neither gets the quieter half of the machine.
    for (let r = 0; r < 3; r++) {
      const bare = await runConcurrently(joins, concurrency, (i) => BARE.run(redis, [`bare:{c${r}}`], [i]));
      const join = await runConcurrently(joins, concurrency, (i) => line.join(`bench-${r}`, `u${i}`, { nowMs, maxWaiting: 1e9, phase: 'OPEN' }));
      if (join.errors || bare.errors) throw new Error(`errors: join ${join.errors}, bare ${bare.errors}`);
      rounds.push({ bare, join });
    }
    const best = (k: 'bare' | 'join') => rounds.map((x) => x[k]).sort((a, b) => b.perSecond - a.perSecond)[0]!;
    const bare = best('bare');
    const join = best('join');
    const ratio = join.perSecond / bare.perSecond;
    const rows = [
      { run: 'bare EVALSHA (EXISTS)', 'ops/s': round(bare.perSecond, 0), ...summary(bare.latenciesMs) },
      { run: 'join script (waiting-room adapter)', 'ops/s': round(join.perSecond, 0), ...summary(join.latenciesMs) },
    ];
    const table = markdownTable(rows.map(({ p50, p95, p99, max, ...r }) => ({ ...r, 'p50 ms': p50, 'p95 ms': p95, 'p99 ms': p99, 'max ms': max })));
    const verdict = `join / bare = ${round(ratio * 100, 1)}% (target ≥ 50%)`;
    console.log(table);
    console.log(verdict);
    const json = { joins, concurrency, rounds: rounds.map((x) => ({ bare: round(x.bare.perSecond, 0), join: round(x.join.perSecond, 0) })), best: rows, ratio: round(ratio, 3) };
    const path = writeReport('queue-join', json, `# Join script vs bare EVALSHA\n\n${joins} calls per run, ${concurrency} in flight, one ioredis connection, redis-server ${server.endpoint}; best of 3 alternating runs.\n\n${table}\n\n${verdict}\n`);
    console.log(`report: ${path}`);
  } finally {
    await redis.quit();
    await server.stop();
  }
}

await main();
