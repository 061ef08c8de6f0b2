/**
 * Bundles Lambda handlers exactly as the CDK construct does (same esbuild settings, read from `lambdaBundling`), for
 * bench:coldstart and the bundle-size test. One bundle per handler entry file, since that is what a function deploys.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { lambdaBundling } from '../../lib/constructs/lambda-function';
import { capabilities } from '../../lib/capabilities';
import { resolveHandler, type HandlerRef } from '../../lib/capabilities/types';
import { authorizerHandler } from '../../lib/routes';

/** authorizer, hold, join, queue status, admission loop, webhook receiver, WebSocket $connect and subscribe. */
export const hotPaths: readonly string[] = [
  authorizerHandler,
  'http/reservations.holdSeats',
  'http/queue.joinQueue',
  'http/queue.getMyQueueStatus',
  'workers/admission-loop.handler',
  'http/payments.receiveWebhook',
  'ws/connect.handler',
  'ws/subscribe.handler',
];

/** Plausible values for every variable a handler may read at import; nothing is contacted. */
export const stubEnv: Record<string, string> = {
  STAGE: 'prod',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'stub',
  AWS_SECRET_ACCESS_KEY: 'stub',
  TABLE_NAME: 'ticketrush',
  REDIS_URL: 'redis://127.0.0.1:1',
  EVENT_BUS_NAME: 'ticketrush',
  JOIN_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/join',
  WEBHOOK_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/webhook',
  HOLD_DEADLINES_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:holds',
  WS_MANAGEMENT_ENDPOINT: 'https://ws.example.com/prod',
  JWT_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:jwt',
  JWT_PUBLIC_KEYS_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:jwt-public',
  WEBHOOK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:webhook',
  OAUTH_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:oauth',
  WEBHOOK_TARGET_URL: 'https://api.example.com/v1/payments/webhooks',
  CORS_ORIGINS: 'https://tickets.example.com',
  POWERTOOLS_DEV: 'false',
};

/** Every handler the app deploys, with its entry file. */
export function allHandlers(): HandlerRef[] {
  const refs = new Set<HandlerRef>([authorizerHandler]);
  for (const c of capabilities) {
    for (const r of c.routes ?? []) refs.add(r.handler);
    for (const r of c.wsRoutes ?? []) refs.add(r.handler);
    for (const q of c.queues ?? []) refs.add(q.consumer);
    for (const e of c.eventRules ?? []) refs.add(e.target);
    for (const s of c.schedules ?? []) refs.add(s.handler);
    if (c.holdDeadlines) refs.add(c.holdDeadlines.expireHandler);
  }
  return [...refs].sort();
}

export interface Bundle {
  ref: string;
  file: string;
  modules: number;
  /** Bundled source files (metafile inputs), relative to the project root. */
  inputs: string[];
  /** Packages left external (the runtime's @aws-sdk/* clients) that the bundle imports. */
  externals: string[];
}

/** `--alias` values (`name=./path`) as esbuild's API takes them. */
function aliasesOf(args: readonly string[]): Record<string, string> {
  return Object.fromEntries(args.map((a) => a.split('=') as [string, string]));
}

/** Bundles each entry once (handlers sharing an entry share its bundle, as their functions do). */
export async function bundleHandlers(projectRoot: string, outDir: string, targets?: Array<{ ref: string; entry: string }>): Promise<Bundle[]> {
  const list = targets ?? allHandlers().map((ref) => ({ ref, entry: join(projectRoot, resolveHandler(ref).entry) }));
  const byEntry = new Map<string, Promise<Omit<Bundle, 'ref'>>>();
  const bundleOne = async (entry: string) => {
    const file = join(outDir, `${entry.slice(projectRoot.length + 1).replace(/[/.]/g, '_')}.mjs`);
    const result = await build({
      entryPoints: [entry],
      outfile: file,
      absWorkingDir: projectRoot,
      bundle: true,
      platform: 'node',
      format: lambdaBundling.format,
      target: lambdaBundling.target,
      mainFields: [...lambdaBundling.mainFields],
      banner: { js: lambdaBundling.banner },
      external: [...lambdaBundling.externalModules],
      alias: aliasesOf(lambdaBundling.esbuildArgs['--alias']),
      minify: lambdaBundling.minify,
      metafile: true,
      logLevel: 'error',
    });
    // Only files that put code in the bundle: esbuild also lists modules it parsed and then shook out entirely.
    const inputs = Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
    const externals = [...new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))];
    return { file, modules: inputs.length, inputs, externals };
  };
  const out: Bundle[] = [];
  for (const { ref, entry } of list) {
    if (!byEntry.has(entry)) byEntry.set(entry, bundleOne(entry));
    out.push({ ref, ...(await byEntry.get(entry)!) });
  }
  return out;
}
