import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../lib/capabilities/needs';
import { resolveHandler, type HandlerRef } from '../lib/capabilities/types';
import type { FunctionSpec } from '../lib/stacks/system-manifest';
import { localLog } from './log';
import { withDeclaredEnv } from './needs-env';

/** Every handler runs in this process, as the module Lambda would load (`tsx` or vitest compile the TypeScript). */
type LambdaFunction = (event: unknown, context: Context) => Promise<unknown>;

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const loaded = new Map<HandlerRef, Promise<LambdaFunction>>();

/** A missing module or export is a wiring defect; it is reported with the ref so the log says which route. */
export class HandlerLoadError extends Error {}

function load(ref: HandlerRef): Promise<LambdaFunction> {
  let fn = loaded.get(ref);
  if (!fn) {
    const { entry, exportName } = resolveHandler(ref);
    fn = import(pathToFileURL(resolve(repoRoot, entry)).href).then((mod: Record<string, unknown>) => {
      const exported = mod[exportName];
      if (typeof exported !== 'function') throw new HandlerLoadError(`${entry} has no function export ${exportName}`);
      return exported as LambdaFunction;
    });
    // A failed import is not cached, so fixing the file and retrying works without a restart.
    fn.catch(() => loaded.delete(ref));
    loaded.set(ref, fn);
  }
  return fn;
}

/** The functions the local cloud runs, by handler: their needs, timeout and memory as CDK deploys them. */
let specs = new Map<HandlerRef, FunctionSpec>();

/**
 * Sets the declarations invocations are held to (the local cloud does at start, from the routes, queues, rules and
 * schedules it serves). A handler not declared there (a test's fixture) keeps the whole environment and the default
 * budget.
 */
export function useFunctionSpecs(next: Map<HandlerRef, FunctionSpec>): void {
  specs = next;
}

/** A handler that outran its declared timeout; the gateway answers it as API Gateway answers a timed-out Lambda. */
export class LambdaTimeoutError extends Error {
  override readonly name = 'LambdaTimeoutError';
}

/** The test suite stretches dependency deadlines on an overloaded machine (DEADLINE_SCALE); timeouts stretch with them. */
function timeoutMsOf(spec: FunctionSpec): number {
  const scale = Number(process.env.DEADLINE_SCALE ?? '1');
  return spec.timeoutSeconds * 1000 * (Number.isFinite(scale) && scale > 0 ? scale : 1);
}

const specOf = (ref: HandlerRef): FunctionSpec => specs.get(ref) ?? { needs: [], timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, memoryMb: DEFAULT_MEMORY_MB };

function lambdaContext(ref: HandlerRef, spec: FunctionSpec, deadline: number, awsRequestId: string): Context {
  const functionName = `ticketrush-local-${ref.replace(/[^A-Za-z0-9-_]/g, '-')}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Runs one invocation of a loaded handler: its event, the instant its timeout falls, its request id. */
export type Start = (event: unknown, deadline: number, requestId: string) => Promise<unknown>;

/** Loads a handler (its init, outside any invocation's time) and answers how to run it under its declared needs. */
export async function prepare(ref: HandlerRef): Promise<Start> {
  const fn = await load(ref);
  const spec = specOf(ref);
  const declared = specs.get(ref);
  return (event, deadline, requestId) => {
    const context = lambdaContext(ref, spec, deadline, requestId);
    const run = async () => fn(event, context);
    return declared ? withDeclaredEnv(declared.needs, run) : run();
  };
}

/** Where some functions run instead of this thread (./reserved-functions.ts). */
export interface FunctionHost {
  hosts(ref: HandlerRef): boolean;
  start(ref: HandlerRef): Start;
}

let host: FunctionHost | undefined;

/** Sends the functions `next` hosts there from now on; `undefined` runs every function here again. */
export function useFunctionHost(next: FunctionHost | undefined): void {
  host = next;
}

/**
 * Invokes the handler a HandlerRef names with a Lambda-shaped context, under its declared needs' environment only,
 * and cut off at its declared timeout (rejecting with LambdaTimeoutError, logged as Lambda logs "Task timed out").
 * In-process work cannot be killed: a timed-out handler's promise runs on unobserved, as a frozen Lambda would
 * resume it on the next invocation.
 */
export async function invoke<R = unknown>(ref: HandlerRef, event: unknown): Promise<R> {
  const spec = specOf(ref);
  const start = host?.hosts(ref) ? host.start(ref) : await prepare(ref);
  const timeoutMs = timeoutMsOf(spec);
  const requestId = randomUUID();
  const running = start(event, Date.now() + timeoutMs, requestId);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      localLog.error('Task timed out', new LambdaTimeoutError(`${ref} timed out after ${spec.timeoutSeconds} s`), { handler: ref, requestId, timeoutMs });
      reject(new LambdaTimeoutError(`Task timed out after ${spec.timeoutSeconds} seconds`));
    }, timeoutMs);
  });
  running.catch(() => undefined);
  try {
    return (await Promise.race([running, timedOut])) as R;
  } finally {
    clearTimeout(timer);
  }
}
