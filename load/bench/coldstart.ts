/**
 * Cold-start benchmark: bundles every Lambda handler with the esbuild settings the CDK construct uses
 * (lib/constructs/lambda-function.ts → `lambdaBundling`), reports each bundle's minified size, and for the hot paths
 * the median of 7 fresh-process `import()` timings with the environment stubbed, beside a bare bundle that imports
 * only `@aws-sdk/client-dynamodb` + `ioredis` the same way (the floor any handler touching both pays).
 * `npm run bench:coldstart [-- --runs 7]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownTable, round, writeReport } from '../driver/queue-measure';
import { bundleHandlers, hotPaths, stubEnv } from './coldstart-bundles';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 7);
const projectRoot = join(import.meta.dirname, '../..');
// Inside the project so the bundles resolve the external @aws-sdk/* from node_modules, as the Lambda runtime does.
const outDir = join(projectRoot, 'cdk.out.coldstart');

const GOAL_BYTES = 300 * 1000;
const GOAL_MS = 100;

/** One fresh `node` per run: the time `import()` of the bundle takes, measured inside that process. */
function importMs(file: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(String(performance.now() - t)); process.exit(0);`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...stubEnv }, encoding: 'utf8', timeout: 30_000 });
  return Number(out);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeImports(file: string): number[] {
  return Array.from({ length: runs }, () => importMs(file));
}

async function main() {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundles = await bundleHandlers(projectRoot, outDir);
  const bareEntry = join(outDir, 'bare-entry.ts');
  writeFileSync(bareEntry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { Redis } from 'ioredis';\nexport const clients = [DynamoDBClient, Redis];\n");
  const [bare] = await bundleHandlers(projectRoot, outDir, [{ ref: 'bare', entry: bareEntry }]);
  const bareTimes = timeImports(bare!.file);
  const bareMedian = median(bareTimes);

  const rows = bundles.map((b) => {
    const hot = hotPaths.includes(b.ref);
    const times = hot ? timeImports(b.file) : undefined;
    const bytes = statSync(b.file).size;
    return {
      handler: b.ref,
      hot,
      bytes,
      modules: b.modules,
      initMedianMs: times ? round(median(times), 1) : undefined,
      initRunsMs: times?.map((t) => round(t, 1)),
      withinGoals: hot ? bytes <= GOAL_BYTES && median(times!) <= GOAL_MS : undefined,
    };
  });
  const table = markdownTable(
    [...rows.filter((r) => r.hot), ...rows.filter((r) => !r.hot)].map((r) => ({
      handler: r.handler,
      'hot path': r.hot ? 'yes' : '',
      'minified KB': round(r.bytes / 1000, 1),
      modules: r.modules,
      'init median ms': r.initMedianMs ?? '',
      'vs bare': r.initMedianMs === undefined ? '' : `${round(r.initMedianMs / bareMedian, 2)}×`,
    })),
  );
  const bareLine = `bare bundle (@aws-sdk/client-dynamodb + ioredis): ${round(statSync(bare!.file).size / 1000, 1)} KB, init median ${round(bareMedian, 1)} ms`;
  const hot = rows.filter((r) => r.hot);
  const verdict = `hot paths: largest ${round(Math.max(...hot.map((r) => r.bytes)) / 1000, 1)} KB (goal ≤ 300), slowest init median ${Math.max(...hot.map((r) => r.initMedianMs!))} ms (goal ≤ 100); ${hot.filter((r) => r.withinGoals).length}/${hot.length} within both goals`;
  console.log(table);
  console.log(bareLine);
  console.log(verdict);
  const path = writeReport(
    'coldstart',
    { runs, node: process.version, bare: { bytes: statSync(bare!.file).size, initMedianMs: round(bareMedian, 1), initRunsMs: bareTimes.map((t) => round(t, 1)) }, handlers: rows },
    `# Cold start: bundle size and fresh-process import time\n\nEach handler bundled with the CDK construct's esbuild settings (ESM, node22, minified, @aws-sdk/* external); init = median of ${runs} fresh \`node ${process.version}\` processes timing \`import()\` of the bundle with the environment stubbed.\n\n${table}\n\n${bareLine}\n\n${verdict}\n`,
  );
  console.log(`report: ${path}`);
}

await main();
