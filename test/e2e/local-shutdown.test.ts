import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { descendantsOf } from '../../local/fault-injection';
import { eventually } from '../helpers/local-cloud';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The descendants of `root` running `command` (found by walking the tree from our own child, never by name alone). */
async function childrenRunning(root: number, command: string): Promise<number[]> {
  const { execFileSync } = await import('node:child_process');
  const mine = descendantsOf(root);
  return execFileSync('ps', ['-e', '-o', 'pid=,comm='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/, 2) as [string, string])
    .filter(([pid, comm]) => mine.has(Number(pid)) && comm.startsWith(command))
    .map(([pid]) => Number(pid));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Collects a child's output lines; resolves `waitFor(text)` when a line containing it appears. */
function lines(child: ChildProcess) {
  let seen = '';
  const onData = (d: Buffer) => (seen += d.toString());
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return { waitFor: (text: string, ms: number) => eventually(async () => seen, (s) => s.includes(text), ms, 100), text: () => seen };
}

describe('Ctrl-C on `npm run local`', () => {
  it('leaves nothing running, also after a child died and the supervisor restarted it', async () => {
    // Its own process group, as a terminal's foreground job is: Ctrl-C signals the whole group.
    const cloud = spawn(`${repoRoot}node_modules/.bin/tsx`, ['bin/local.ts'], { cwd: repoRoot, detached: true, env: { ...process.env, PORT: '0', DEADLINE_SCALE: '10' } });
    const out = lines(cloud);
    const exited = new Promise<number | null>((r) => cloud.once('exit', (code) => r(code)));
    try {
      await out.waitFor('\nready', 170_000);
      const [redis] = await childrenRunning(cloud.pid!, 'redis-server');
      expect(redis).toBeDefined();
      process.kill(redis!, 'SIGKILL');
      await out.waitFor('redis is back on', 30_000);
      const restarted = await childrenRunning(cloud.pid!, 'redis-server');
      expect(restarted).toHaveLength(1);
      expect(restarted[0]).not.toBe(redis);
      const everything = [...descendantsOf(cloud.pid!)];
      expect(everything.length).toBeGreaterThanOrEqual(2); // at least java (DynamoDB Local) and redis-server

      process.kill(-cloud.pid!, 'SIGINT');
      expect(await exited).toBe(0);
      // Every process it had started, the restarted redis-server included, is gone.
      await eventually(async () => everything.filter(alive), (left) => left.length === 0, 10_000, 200);
    } finally {
      if (cloud.exitCode === null && cloud.signalCode === null) process.kill(-cloud.pid!, 'SIGKILL');
    }
  }, 240_000);
});
