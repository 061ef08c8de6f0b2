import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort, waitUntil } from './ports';
import { stopChild } from './process';
import type { ChildService } from './supervisor';

/**
 * `redis-server` from PATH (Debian package redis-server), loopback only. In memory, or with `dataDir` an append-only
 * file there, so a restarted server (the local cloud restarts a dead one) comes back with the line intact.
 */
export async function startRedis(options: { port?: number; dataDir?: string } = {}): Promise<ChildService> {
  const port = options.port ?? (await freePort());
  const persistence = options.dataDir
    ? ['--dir', options.dataDir, '--save', '', '--appendonly', 'yes', '--appendfilename', `redis-${port}.aof`]
    : ['--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', ...persistence], {
    stdio: 'ignore',
  });
  let failure: Error | undefined;
  child.once('error', (e) => (failure = e));
  const endpoint = `redis://127.0.0.1:${port}`;
  try {
    await waitUntil('redis-server', async () => {
      if (failure) throw new Error(`redis-server could not start: ${failure.message} (apt-get install -y redis-server)`);
      const probe = new Redis(endpoint, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      // Refused connects while redis-server boots are expected; connect() already rejects with them.
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        await probe.ping();
      } finally {
        probe.disconnect();
      }
    }, 15_000, 50);
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  return { name: 'redis', endpoint, child, stop: () => stopChild(child) };
}
