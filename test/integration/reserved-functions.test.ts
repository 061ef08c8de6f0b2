import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerRef } from '../../lib/capabilities/types';
import { functionSpecsOf, systemManifest, type FunctionSpec } from '../../lib/stacks/system-manifest';
import { invoke, useFunctionHost, useFunctionSpecs } from '../../local/invoke';
import { startReservedFunctions, type ReservedFunctions } from '../../local/reserved-functions';
import { fixture } from '../helpers/local-cloud';

const reserved = (needs: FunctionSpec['needs'], timeoutSeconds = 5): FunctionSpec => ({ needs, timeoutSeconds, memoryMb: 512, reservedConcurrency: 1 });
const refs = {
  hosted: fixture('threads', 'whereAmI'),
  fails: fixture('threads', 'fails'),
  hangs: fixture('threads', 'hangs'),
  exits: fixture('threads', 'exitsThread'),
  withRedis: fixture('threads', 'whereAmIWithRedis'),
  // Not declared at all, as a test's fixture: it runs in this thread.
  unreserved: fixture('threads', 'whereAmIUnreserved'),
};

const specs = new Map<HandlerRef, FunctionSpec>([
  [refs.hosted, reserved([])],
  [refs.fails, reserved([])],
  [refs.hangs, reserved([], 1)],
  [refs.exits, reserved([])],
  [refs.withRedis, reserved(['redis'])],
]);

let functions: ReservedFunctions | undefined;
const scale = process.env.DEADLINE_SCALE;
beforeAll(async () => {
  // Timeouts at their declared length (the suite stretches them otherwise), so the hanging function is cut at 1 s.
  process.env.DEADLINE_SCALE = '1';
  useFunctionSpecs(specs);
  functions = await startReservedFunctions(specs);
  useFunctionHost(functions);
}, 60_000);
afterAll(async () => {
  useFunctionHost(undefined);
  await functions?.stop();
  useFunctionSpecs(new Map());
  process.env.DEADLINE_SCALE = scale;
});

describe('functions with reserved concurrency run in a thread of their own on the local cloud', () => {
  it('the push workers are the ones CDK reserves concurrency for', () => {
    const declared = [...functionSpecsOf(systemManifest)].filter(([, spec]) => spec.reservedConcurrency).map(([ref]) => ref);
    expect(declared.sort()).toEqual(['workers/reservation-status.handler', 'workers/seats-released.handler', 'workers/seats-released.seatsTaken']);
  });

  it('runs a reserved function in another thread, with its event, its deadline and only its declared environment', async () => {
    expect(process.env.REDIS_URL).toBeDefined();
    const answer = await invoke<{ threadId: number; event: unknown; redisUrl: string | null; remainingMs: number; requestId: string }>(refs.hosted, { seat: 'A-1-1' });
    expect(answer.threadId).not.toBe(threadId);
    expect(answer.event).toEqual({ seat: 'A-1-1' });
    expect(answer.redisUrl).toBeNull();
    expect(answer.remainingMs).toBeGreaterThan(0);
    expect(answer.remainingMs).toBeLessThanOrEqual(5_000);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await invoke<{ redisUrl: string | null }>(refs.withRedis, {})).redisUrl).toBe(process.env.REDIS_URL);
    expect((await invoke<{ threadId: number }>(refs.unreserved, {})).threadId).toBe(threadId);
  });

  it('hands back what a reserved function throws, and cuts one off at its declared timeout', async () => {
    await expect(invoke(refs.fails, {})).rejects.toMatchObject({ name: 'TypeError', message: 'probe failure' });
    const started = Date.now();
    await expect(invoke(refs.hangs, {})).rejects.toMatchObject({ name: 'LambdaTimeoutError' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('if the thread dies, the invocation in flight fails and its functions run in this thread from then on', async () => {
    await expect(invoke(refs.exits, {})).rejects.toThrow(/exited/);
    expect(functions?.hosts(refs.hosted)).toBe(false);
    expect((await invoke<{ threadId: number }>(refs.hosted, {})).threadId).toBe(threadId);
  });
});
