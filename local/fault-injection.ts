import { execFileSync } from 'node:child_process';
import type { DynamoClient, DynamoCommand } from '../functions/platform/clients/dynamo-commands';

/**
 * Fault injection on the local cloud's children: pause (SIGSTOP/SIGCONT) or kill (SIGKILL) a process that this
 * process started — found by walking the process tree down from our own pid, never by name.
 */
export function descendantsOf(rootPid: number): Set<number> {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found = new Set<number>();
  const queue = [rootPid];
  while (queue.length) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of rows) {
      if (ppid !== parent || found.has(pid)) continue;
      found.add(pid);
      queue.push(pid);
    }
  }
  return found;
}

/** Signals `pid` after checking it is a descendant of this process (so a test can never hit a stranger). */
export function signalOwnChild(pid: number | undefined, signal: 'SIGSTOP' | 'SIGCONT' | 'SIGKILL'): void {
  if (pid === undefined) throw new Error('no such child: the service is down');
  if (!descendantsOf(process.pid).has(pid)) throw new Error(`pid ${pid} is not a child of this process; refusing to signal it`);
  process.kill(pid, signal);
}

/** Pauses `pid` for `ms`, running `during` meanwhile; always resumes it, even if `during` throws. */
export async function whilePaused<T>(pid: number | undefined, ms: number, during: () => Promise<T>): Promise<{ result: T; resumedAt: number }> {
  signalOwnChild(pid, 'SIGSTOP');
  const until = Date.now() + ms;
  try {
    const result = await during();
    await new Promise((r) => setTimeout(r, Math.max(0, until - Date.now())));
    return { result, resumedAt: Date.now() };
  } finally {
    signalOwnChild(pid, 'SIGCONT');
  }
}

export interface Timed<T> {
  ms: number;
  value: T;
}

export async function timed<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** The error an injected crash throws: nothing classifies it as a dependency failure, so the invocation just fails. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash';
}

/**
 * Makes the next `count` DynamoDB transactions sent through `client` (the in-process handlers' client) crash their
 * invocation right after they commit: the write is applied, then the caller dies before its next line — the instant
 * a publish-after-write would have lost its events. `restore()` takes the hook out; `crashes()` counts the crashes.
 */
export function crashAfterCommit(client: DynamoClient, count = 1): { crashes(): number; restore(): void } {
  const send = client.send;
  let left = count;
  let crashes = 0;
  client.send = (async (command: DynamoCommand<unknown, unknown>) => {
    const out = await send.call(client, command);
    if (left > 0 && command.operation === 'TransactWriteItems') {
      left--;
      crashes++;
      throw new InjectedCrash(`crashed after ${command.operation} committed`);
    }
    return out;
  }) as DynamoClient['send'];
  return { crashes: () => crashes, restore: () => void (client.send = send) };
}
