import { Worker } from 'node:worker_threads';
import type { HandlerRef } from '../lib/capabilities/types';
import type { FunctionSpec } from '../lib/stacks/system-manifest';
import type { FunctionHost, Start } from './invoke';
import { localLog } from './log';

/** Between this thread and the functions' thread (./reserved-functions-worker.ts). */
export type ToThread = { id: number; ref: HandlerRef; event: unknown; deadline: number; requestId: string };
export type FromThread = { ready: true } | { id: number; result: unknown } | { id: number; error: { name: string; message: string; stack?: string } };
export interface ThreadData {
  specs: Array<[HandlerRef, FunctionSpec]>;
  hosted: HandlerRef[];
}

export interface ReservedFunctions extends FunctionHost {
  stop(): Promise<void>;
}

/**
 * Runs the functions CDK gives reserved concurrency (the push workers: a SEATS fan-out is thousands of @connections
 * calls) in a thread of their own, so on the local cloud too their work takes another core and cannot starve the
 * request paths, which is what reserved concurrency keeps apart in AWS. Their modules load before the first event, as
 * provisioned concurrency would have them. If the thread dies, its functions run in this thread again.
 */
export async function startReservedFunctions(specs: ReadonlyMap<HandlerRef, FunctionSpec>): Promise<ReservedFunctions | undefined> {
  const hosted = [...specs].filter(([, spec]) => spec.reservedConcurrency).map(([ref]) => ref);
  if (hosted.length === 0) return undefined;
  const data: ThreadData = { specs: [...specs], hosted };
  // The environment as it is now (the cloud's endpoints set); the thread's own loader, not this one's flags.
  const worker = new Worker(new URL('./reserved-functions-thread.mjs', import.meta.url), { workerData: data, env: { ...process.env }, execArgv: [] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let alive = true;
  let next = 0;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (m: FromThread) => {
      if ('ready' in m) return resolve();
      const waiting = pending.get(m.id);
      pending.delete(m.id);
      if ('error' in m) waiting?.reject(Object.assign(new Error(m.error.message), m.error));
      else waiting?.resolve(m.result);
    });
    const down = (error: Error) => {
      if (alive) localLog.error('the reserved functions’ thread stopped; they run in the main thread from now on', error);
      alive = false;
      for (const w of pending.values()) w.reject(error);
      pending.clear();
      reject(error);
    };
    worker.on('error', down);
    worker.on('exit', (code) => down(new Error(`the reserved functions’ thread exited (${code})`)));
  });
  await ready;

  return {
    hosts: (ref) => alive && hosted.includes(ref),
    start:
      (ref): Start =>
      (event, deadline, requestId) =>
        new Promise((resolve, reject) => {
          // Between the caller's hosts() and this call the thread may have died: nothing would ever answer.
          if (!alive) return reject(new Error('the reserved functions’ thread is down'));
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, ref, event, deadline, requestId } satisfies ToThread);
        }),
    async stop() {
      alive = false;
      await worker.terminate();
    },
  };
}
