/**
 * `npm run bench:clients [-- --calls 5000 --concurrency 16 --runs 7]` — the calls a hold makes beside its transaction
 * (Step Functions `StartExecution` for its deadline) and the domain events' `PutEvents`, through the AWS SDK clients
 * against the production signed clients (functions/platform/clients/sfn.ts, event-bridge.ts), all to one loopback
 * endpoint that answers 200:
 * - first call in a fresh process, as a new Lambda container makes it: `import()` of a bundle built with the Lambda
 *   settings (the SDK external, as the runtime provides it) and the first call answered; median of `--runs` processes;
 * - warm: calls/s and CPU µs per call in this process (the endpoint's share included, the same on both sides),
 *   the sides alternating.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { eventBridgeClient } from '../../functions/platform/clients/event-bridge';
import { stepFunctionsClient } from '../../functions/platform/clients/sfn';
import { numberArg } from '../driver/driver-kit';
import { loopbackEndpoint, withCpu } from '../driver/push-baseline';
import { markdownTable, round, runConcurrently, writeReport } from '../driver/queue-measure';
import { bundleHandlers, stubEnv } from './coldstart-bundles';

const CALLS = numberArg('calls', 5_000);
const CONCURRENCY = numberArg('concurrency', 16);
const RUNS = numberArg('runs', 7);
const projectRoot = join(import.meta.dirname, '../..');
// Inside the project so the bundles resolve the external @aws-sdk/* from node_modules, as the Lambda runtime does.
const outDir = join(projectRoot, 'cdk.out.side-clients');

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const region = 'us-east-1';
const start = { stateMachineArn: `arn:aws:states:${region}:000000000000:stateMachine:holds`, name: 'R1', input: '{"reservationId":"R1","holdExpiresAt":"2026-12-24T11:05:00.000Z"}' };
const entry = { Source: 'ticketrush', DetailType: 'ReservationHeld', Detail: '{"reservationId":"R1"}', EventBusName: 'ticketrush' };

/** Each side's first call, as a bundle entry exporting `firstCall(endpoint)`. */
const firstCallEntries: Record<string, string> = {
  'Step Functions: SDK client': `import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
export const firstCall = (endpoint) => new SFNClient({ endpoint, region: '${region}' }).send(new StartExecutionCommand(${JSON.stringify(start)}));`,
  'Step Functions: signed client (production)': `import { stepFunctionsClient } from ${JSON.stringify(join(projectRoot, 'functions/platform/clients/sfn'))};
export const firstCall = (endpoint) => stepFunctionsClient(new URL(endpoint), '${region}').startExecution(${JSON.stringify(start)});`,
  'EventBridge: SDK client': `import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
export const firstCall = (endpoint) => new EventBridgeClient({ endpoint, region: '${region}' }).send(new PutEventsCommand({ Entries: [${JSON.stringify(entry)}] }));`,
  'EventBridge: signed client (production)': `import { eventBridgeClient } from ${JSON.stringify(join(projectRoot, 'functions/platform/clients/event-bridge'))};
export const firstCall = (endpoint) => eventBridgeClient(new URL(endpoint), '${region}').putEvents([${JSON.stringify(entry)}]);`,
};

/**
 * One fresh `node` per run: `import()` of the bundle and its first call answered, measured inside that process (run
 * asynchronously: the endpoint answering it lives in this one).
 */
async function firstCallMs(file: string, endpoint: string): Promise<number> {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); await m.firstCall(${JSON.stringify(endpoint)}); process.stdout.write(String(performance.now() - t)); process.exit(0);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...stubEnv }, encoding: 'utf8', timeout: 30_000 });
  return Number(stdout);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function warm(call: (i: number) => Promise<unknown>) {
  const { result, cpuMicros } = await withCpu(() => runConcurrently(CALLS, CONCURRENCY, call));
  if (result.errors) throw new Error(`${result.errors} calls failed`);
  return { perSecond: result.perSecond, cpuMicrosPerCall: cpuMicros / CALLS };
}

async function main() {
  const endpoint = await loopbackEndpoint();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const sdkSfn = new SFNClient({ endpoint: endpoint.url, region });
  const sdkEvents = new EventBridgeClient({ endpoint: endpoint.url, region });
  const signedSfn = stepFunctionsClient(new URL(endpoint.url), region);
  const signedEvents = eventBridgeClient(new URL(endpoint.url), region);
  const warmCalls: Record<string, (i: number) => Promise<unknown>> = {
    'Step Functions: SDK client': () => sdkSfn.send(new StartExecutionCommand(start)),
    'Step Functions: signed client (production)': () => signedSfn.startExecution(start),
    'EventBridge: SDK client': () => sdkEvents.send(new PutEventsCommand({ Entries: [entry] })),
    'EventBridge: signed client (production)': () => signedEvents.putEvents([entry]),
  };
  try {
    const sides = Object.keys(firstCallEntries);
    const entries = sides.map((side, i) => {
      const file = join(outDir, `side-${i}.ts`);
      writeFileSync(file, firstCallEntries[side]!);
      return { ref: `side-${i}`, entry: file };
    });
    const bundles = await bundleHandlers(projectRoot, outDir, entries);
    const cold: Record<string, number[]> = {};
    for (const [i, side] of sides.entries()) {
      cold[side] = [];
      for (let run = 0; run < RUNS; run++) cold[side].push(await firstCallMs(bundles[i]!.file, endpoint.url));
    }

    for (const call of Object.values(warmCalls)) await runConcurrently(1_000, CONCURRENCY, call);
    const rounds: Array<Record<string, Awaited<ReturnType<typeof warm>>>> = [];
    for (let r = 0; r < 3; r++) {
      // Alternate the order, so no side always gets the warmer half.
      const order = r % 2 ? [...sides].reverse() : sides;
      const round: (typeof rounds)[number] = {};
      for (const side of order) round[side] = await warm(warmCalls[side]!);
      rounds.push(round);
    }
    const rows = sides.map((side) => ({
      call: side,
      'first call in a fresh process, ms (median)': round(median(cold[side]!), 1),
      'warm calls/s (median)': round(median(rounds.map((x) => x[side]!.perSecond)), 0),
      'CPU µs per warm call (median)': round(median(rounds.map((x) => x[side]!.cpuMicrosPerCall)), 0),
    }));
    const table = markdownTable(rows);
    console.log(table);
    const path = writeReport(
      'side-clients',
      { calls: CALLS, concurrency: CONCURRENCY, runs: RUNS, cold, rounds, rows },
      `# A hold's side calls: AWS SDK clients vs the signed clients\n\nOne loopback endpoint answering 200. First call: a fresh \`node\` imports a bundle built with the Lambda settings (the SDK external) and makes one call, median of ${RUNS} processes. Warm: ${CALLS} calls per side per round, ${CONCURRENCY} in flight, 3 alternating rounds in one process.\n\n${table}\n`,
    );
    console.log(`report: ${path}`);
  } finally {
    sdkSfn.destroy();
    sdkEvents.destroy();
    signedSfn.destroy();
    signedEvents.destroy();
    endpoint.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
