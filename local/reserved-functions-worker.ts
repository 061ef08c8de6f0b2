import { parentPort, workerData } from 'node:worker_threads';
import { prepare, useFunctionSpecs } from './invoke';
import type { FromThread, ThreadData, ToThread } from './reserved-functions';

/** The reserved functions' thread (./reserved-functions.ts): loads its functions, then runs each invocation sent. */
const port = parentPort as NonNullable<typeof parentPort>;
const { specs, hosted } = workerData as ThreadData;
useFunctionSpecs(new Map(specs));
const starts = new Map(await Promise.all(hosted.map(async (ref) => [ref, await prepare(ref)] as const)));
const answer = (m: FromThread) => port.postMessage(m);

port.on('message', async ({ id, ref, event, deadline, requestId }: ToThread) => {
  try {
    const start = starts.get(ref);
    if (!start) throw new Error(`${ref} is not a reserved function`);
    answer({ id, result: await start(event, deadline, requestId) });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    answer({ id, error: { name: error.name, message: error.message, stack: error.stack } });
  }
});
answer({ ready: true });
