import { buildApp } from 'fauxqs';
import { freePort } from './ports';
import type { RunningService } from './types';

/**
 * The fauxqs SQS emulator (AWS JSON protocol), bound to loopback. Its own `startFauxqs` listens on 0.0.0.0,
 * so the app is built and bound here instead.
 */
export async function startSqs(options: { port?: number } = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  // Queue URLs come out as http://sqs.<region>.localhost:<port>/… (valid URLs; clients keep their configured endpoint).
  const app = buildApp({ logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  return { name: 'sqs', endpoint: `http://127.0.0.1:${port}`, stop: () => app.close() };
}
