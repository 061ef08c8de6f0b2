/**
 * `npm run bench:catalog` — seat-map and search requests/s through the local gateway, with the catalog's Redis
 * caches on and off (`CATALOG_CACHE=off`, read per request by the in-process handlers). The uncached run of each
 * scenario is the baseline its cached run is compared with, measured in the same process.
 *
 * Uses the local cloud's contract (`startLocalCloud({ port: 0, seed: false })` from local/cloud.ts) and seeds the
 * demo catalog itself: the 10,800-seat stadium show and a 1,200-seat arena show.
 * Prints a table and writes JSON and markdown to load/reports/catalog-<timestamp>.{json,md} (and catalog-latest).
 *
 * Options (env): BENCH_DURATION_SECONDS (default 8), BENCH_CONNECTIONS (default 20).
 */
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { markdownTable, writeReport } from '../driver/queue-measure';

interface LocalCloud {
  url: string;
  stop(): Promise<void>;
}
interface LocalCloudModule {
  startLocalCloud(options: { port: number; seed: boolean }): Promise<LocalCloud>;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  duration: number;
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  throughput: { average: number };
}
type Autocannon = (options: { url: string; connections: number; duration?: number; amount?: number; timeout?: number; workers?: number }) => Promise<AutocannonResult>;

// The SDK's notice about Node 20 support is for operators of deployed code, not for a benchmark run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
const duration = Number(process.env.BENCH_DURATION_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const MIN_REQUESTS = connections * 2;
const SLOW_TIMEOUT_SECONDS = 300;

interface Row {
  scenario: string;
  cache: 'on' | 'off';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  mbPerSecond: number;
}

async function measure(scenario: string, cache: 'on' | 'off', url: string): Promise<Row> {
  process.env.CATALOG_CACHE = cache;
  // Warm: one request builds the cache entry (or proves the path works) before the clock starts.
  const warm = await fetch(url);
  if (!warm.ok) throw new Error(`${scenario}: warm-up answered ${warm.status}: ${await warm.text()}`);
  // A worker thread generates the load, so it does not share the event loop that runs the gateway and handlers.
  let r = await autocannon({ url, connections, duration, workers: 1 });
  // A read slower than the run (the uncached 10,800-seat map) would finish nothing and report 0 req/s; measure it
  // instead over a fixed number of requests, as long as they take.
  if (r.requests.total < MIN_REQUESTS) r = await autocannon({ url, connections, amount: MIN_REQUESTS, timeout: SLOW_TIMEOUT_SECONDS, workers: 1 });
  return {
    scenario,
    cache,
    requestsPerSecond: Math.round((r.requests.total / r.duration) * 10) / 10,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    mbPerSecond: Math.round((r.throughput.average / 1e6) * 10) / 10,
  };
}

/** With the cache off every seat-map build is new, so two reads differ; on, they are the same build. */
async function cacheToggleWorks(url: string): Promise<boolean> {
  const read = async () => ((await (await fetch(url)).json()) as { generatedAt: string }).generatedAt;
  process.env.CATALOG_CACHE = 'on';
  const cachedSame = (await read()) === (await read());
  process.env.CATALOG_CACHE = 'off';
  const first = await read();
  await new Promise((r) => setTimeout(r, 5));
  const uncachedDiffers = first !== (await read());
  return cachedSame && uncachedDiffers;
}

async function main() {
  const cloudModule = new URL('../../local/cloud.ts', import.meta.url).href;
  const { startLocalCloud } = (await import(cloudModule)) as LocalCloudModule;
  const cloud = await startLocalCloud({ port: 0, seed: false });
  try {
    // Imported after the cloud has set process.env, so the services bind to its DynamoDB and Redis.
    const { seedDemoData } = await import('../../local/seed');
    const { demoConcerts } = await import('../../local/seed/demo-catalog');
    const { catalogDeps } = await import('#composition/catalog');
    const { searchConcerts } = await import('#services/catalog/search-concerts');
    const seeding = performance.now();
    await seedDemoData();
    const seedMs = Math.round(performance.now() - seeding);
    const find = async (title: string | undefined) => {
      const page = await searchConcerts(catalogDeps(), { sort: 'startsAt', limit: 100 });
      const concert = page.items.find((c) => c.title === title);
      if (!concert?.shows[0]) throw new Error(`demo concert ${title} not found`);
      return { concertId: concert.concertId, showId: concert.shows[0].showId };
    };
    const stadium = await find(demoConcerts[0]?.title);
    const arena = await find(demoConcerts[3]?.title);
    const api = `${cloud.url}/v1`;
    const scenarios: [string, string][] = [
      ['seat map, 10,800 seats', `${api}/concerts/${stadium.concertId}/shows/${stadium.showId}/seats`],
      ['seat map, 1,200 seats', `${api}/concerts/${arena.concertId}/shows/${arena.showId}/seats`],
      ['search q=핑크', `${api}/concerts?q=${encodeURIComponent('핑크')}`],
      ['search sort=-popularity', `${api}/concerts?sort=-popularity&limit=20`],
    ];
    const toggleVerified = await cacheToggleWorks(scenarios[1]?.[1] as string);
    if (!toggleVerified) console.warn('warning: CATALOG_CACHE did not reach the handlers (are they running in another process?)');

    const rows: Row[] = [];
    for (const [scenario, url] of scenarios) {
      rows.push(await measure(scenario, 'off', url));
      rows.push(await measure(scenario, 'on', url));
    }
    process.env.CATALOG_CACHE = 'on';

    const table = scenarios.map(([scenario]) => {
      const off = rows.find((r) => r.scenario === scenario && r.cache === 'off') as Row;
      const on = rows.find((r) => r.scenario === scenario && r.cache === 'on') as Row;
      return {
        scenario,
        'req/s uncached': off.requestsPerSecond,
        'req/s cached': on.requestsPerSecond,
        speedup: off.requestsPerSecond > 0 ? `${(on.requestsPerSecond / off.requestsPerSecond).toFixed(1)}×` : 'baseline served nothing',
        'p99 ms uncached': off.p99Ms,
        'p99 ms cached': on.p99Ms,
        'non-2xx/errors': `${off.non2xx + on.non2xx}/${off.errors + on.errors}`,
      };
    });
    console.table(table);
    console.log(`seeded the demo catalog in ${seedMs} ms; ${connections} connections, ${duration} s per run`);

    const report = {
      bench: 'catalog',
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 },
      settings: { durationSeconds: duration, connections },
      cacheToggleVerified: toggleVerified,
      seedMs,
      rows,
    };
    const markdown = `# Catalog reads through the local gateway, Redis cache on and off\n\n${connections} connections, ${duration} s per run (a read too slow to finish ${MIN_REQUESTS} requests in that time is measured over ${MIN_REQUESTS} requests instead); ${report.machine.cpus} CPUs, 1-minute load average ${report.machine.loadAverage1m} (shared machine). Demo catalog seeded in ${seedMs} ms; cache switch verified: ${toggleVerified}.\n\n${markdownTable(table)}\n`;
    console.log(`report: ${writeReport('catalog', report, markdown)}`);
  } finally {
    // stop() closes the gateway (letting in-flight requests finish) before it disconnects the handlers' clients.
    await cloud.stop();
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => process.exit());
