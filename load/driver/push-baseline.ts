import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedConnectionsApi } from '../../functions/platform/clients/connections';
import { PUSH_CONCURRENCY } from '../../functions/services/live-updates/push-all';
import { runConcurrently } from './queue-measure';

/** A SEATS message of 48 changes: what an interval of the load:seats run carries. */
export const SEATS_SIZED_MESSAGE = JSON.stringify({
  type: 'SEATS',
  showId: 'show-1',
  version: 42,
  changes: Array.from({ length: 48 }, (_, i) => ({ seatId: `A-${i + 1}-1`, status: 'HELD' })),
  ts: '2026-12-01T00:00:00.000Z',
});

/** A loopback endpoint that answers every request 200 with no body: the cheapest @connections there can be. */
export async function loopbackEndpoint(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/local`, close: () => server.close() };
}

/** This process's CPU (user + system, µs) spent by `fn`, with its result. */
export async function withCpu<T>(fn: () => Promise<T>): Promise<{ result: T; cpuMicros: number }> {
  const before = process.cpuUsage();
  const result = await fn();
  const used = process.cpuUsage(before);
  return { result, cpuMicros: used.user + used.system };
}

/**
 * How fast this machine does the fan-out's unit of work right now: the production @connections client posting
 * SEATS-sized messages to a loopback endpoint in this process, as many in flight as a fan-out has, after a warm-up round. A load
 * run reports it so that runs on different machines, or on one machine on different days, can be told apart.
 */
export async function pushBaseline(posts = 5_000, concurrency = PUSH_CONCURRENCY): Promise<{ perSecond: number; cpuMicrosPerPost: number }> {
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  const endpoint = await loopbackEndpoint();
  const client = signedConnectionsApi(endpoint.url, 'us-east-1');
  const post = (i: number) => client.post(`c${i}`, SEATS_SIZED_MESSAGE);
  try {
    await runConcurrently(Math.min(posts, 2_000), concurrency, post);
    const { result, cpuMicros } = await withCpu(() => runConcurrently(posts, concurrency, post));
    if (result.errors) throw new Error(`${result.errors} baseline posts failed`);
    return { perSecond: result.perSecond, cpuMicrosPerPost: cpuMicros / posts };
  } finally {
    client.destroy();
    endpoint.close();
  }
}
