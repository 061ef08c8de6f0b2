/**
 * `npm run bench:push [-- --posts 20000 --concurrency 64 --rounds 3]` — one `PostToConnection` through the AWS SDK's
 * `ApiGatewayManagementApiClient`, through the same signed request sent by node:http's client (the production
 * client's transport until its own keep-alive pool, functions/platform/clients/keep-alive-pool.ts), and through the
 * production client (functions/platform/clients/connections.ts), all to one loopback endpoint that answers 200, at
 * the same concurrency, in rotating rounds in one process. Reports posts/s and CPU µs per post (this process's user +
 * system time, the endpoint's share included, the same on every side).
 */
import { Agent, request } from 'node:http';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { signedConnectionsApi } from '../../functions/platform/clients/connections';
import { signedHeaders } from '../../functions/platform/sigv4';
import { markdownTable, round, runConcurrently, writeReport } from '../driver/queue-measure';
import { numberArg } from '../driver/driver-kit';
import { loopbackEndpoint, SEATS_SIZED_MESSAGE as message, withCpu } from '../driver/push-baseline';

const POSTS = numberArg('posts', 20_000);
const CONCURRENCY = numberArg('concurrency', 64);
const ROUNDS = numberArg('rounds', 3);

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The production request (same signature, same body) over node:http's kept-alive client, without its deadlines. */
function signedOverNodeHttp(endpoint: string) {
  const base = new URL(`${endpoint}/`);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const credentials = { accessKeyId: process.env.AWS_ACCESS_KEY_ID as string, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY as string };
  return {
    post(connectionId: string, body: string): Promise<number> {
      const url = new URL(`@connections/${encodeURIComponent(connectionId)}`, base);
      const headers = signedHeaders({ method: 'POST', url, body, region: 'us-east-1', service: 'execute-api', credentials, now: new Date(), headers: { 'content-type': 'application/json' } });
      return new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(200) : reject(new Error(`answered ${res.statusCode}`))));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    destroy: () => agent.destroy(),
  };
}

async function measure(post: (i: number) => Promise<unknown>) {
  const { result: run, cpuMicros } = await withCpu(() => runConcurrently(POSTS, CONCURRENCY, post));
  if (run.errors) throw new Error(`${run.errors} posts failed`);
  return { perSecond: run.perSecond, cpuMicrosPerPost: cpuMicros / POSTS };
}

async function main() {
  const { url: endpoint, close } = await loopbackEndpoint();
  const sdk = new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1' });
  const overNodeHttp = signedOverNodeHttp(endpoint);
  const signed = signedConnectionsApi(endpoint, 'us-east-1');
  const sides = {
    'AWS SDK client': (i: number) => sdk.send(new PostToConnectionCommand({ ConnectionId: `c${i}`, Data: message })),
    'signed request over node:http': (i: number) => overNodeHttp.post(`c${i}`, message),
    'signed client (production: keep-alive pool)': (i: number) => signed.post(`c${i}`, message),
  };
  try {
    for (const post of Object.values(sides)) await runConcurrently(2_000, CONCURRENCY, post);
    const rounds: Array<Record<keyof typeof sides, Awaited<ReturnType<typeof measure>>>> = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Rotate which side goes first, so none always gets the warmer start.
      const names = Object.keys(sides) as Array<keyof typeof sides>;
      const order = names.map((_, i) => names[(i + r) % names.length] as keyof typeof sides);
      const round = {} as (typeof rounds)[number];
      for (const side of order) round[side] = await measure(sides[side]);
      rounds.push(round);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rows = (Object.keys(sides) as Array<keyof typeof sides>).map((side) => ({
      client: side,
      'posts/s (median)': round(median(rounds.map((x) => x[side].perSecond)), 0),
      'CPU µs per post (median)': round(median(rounds.map((x) => x[side].cpuMicrosPerPost)), 0),
    }));
    const cpu = rows.map((row) => row['CPU µs per post (median)']);
    const cpuRatio = cpu[2]! / cpu[0]!;
    const nodeHttpRatio = cpu[2]! / cpu[1]!;
    const table = markdownTable(rows);
    const verdict = `production client CPU per post = ${round(cpuRatio * 100, 1)}% of the SDK client's, ${round(nodeHttpRatio * 100, 1)}% of the same signed request over node:http`;
    console.log(table);
    console.log(verdict);
    const path = writeReport(
      'connections-post',
      { posts: POSTS, concurrency: CONCURRENCY, rounds, rows, cpuRatio: round(cpuRatio, 3), nodeHttpRatio: round(nodeHttpRatio, 3) },
      `# @connections posts: AWS SDK client, the signed request over node:http, the production client\n\n${POSTS} posts per side per round, ${CONCURRENCY} in flight, ${ROUNDS} rotating rounds, one loopback endpoint answering 200 in the same process.\n\n${table}\n\n${verdict}\n`,
    );
    console.log(`report: ${path}`);
  } finally {
    sdk.destroy();
    overNodeHttp.destroy();
    signed.destroy();
    close();
  }
}

await main();
