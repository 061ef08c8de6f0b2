import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { resolveHandler, type HandlerRef } from '../lib/capabilities/types';

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

/** Lambda gives every invocation 15 minutes at most; local handlers see the same budget. */
const TIMEOUT_MS = 15 * 60 * 1000;

function lambdaContext(ref: HandlerRef): Context {
  const deadline = Date.now() + TIMEOUT_MS;
  const functionName = `ticketrush-local-${ref.replace(/[^A-Za-z0-9-_]/g, '-')}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Invokes the handler a HandlerRef names with a Lambda-shaped context; rejects as the handler does. */
export async function invoke<R = unknown>(ref: HandlerRef, event: unknown): Promise<R> {
  const fn = await load(ref);
  return (await fn(event, lambdaContext(ref))) as R;
}
