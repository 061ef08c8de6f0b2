/**
 * `npm run bench:push [-- --posts 20000 --concurrency 64 --rounds 3]` — one `PostToConnection` through the AWS SDK's
 * `ApiGatewayManagementApiClient` against the same call through the production client
 * (functions/platform/clients/connections.ts), both to one loopback endpoint that answers 200, at the same
 * concurrency, in alternating rounds in one process. Reports posts/s and CPU µs per post (this process's user +
 * system time, the endpoint's share included, the same on both sides).
 */
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { signedConnectionsApi } from '../../functions/platform/clients/connections';
import { markdownTable, round, runConcurrently, writeReport } from '../driver/queue-measure';
import { numberArg } from '../driver/driver-kit';
import { loopbackEndpoint, SEATS_SIZED_MESSAGE as message, withCpu } from '../driver/push-baseline';

const POSTS = numberArg('posts', 20_000);
const CONCURRENCY = numberArg('concurrency', 64);
const ROUNDS = numberArg('rounds', 3);

process.env.AWS_ACCESS_KEY_ID ??= 'local';
process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function measure(post: (i: number) => Promise<unknown>) {
  const { result: run, cpuMicros } = await withCpu(() => runConcurrently(POSTS, CONCURRENCY, post));
  if (run.errors) throw new Error(`${run.errors} posts failed`);
  return { perSecond: run.perSecond, cpuMicrosPerPost: cpuMicros / POSTS };
}

async function main() {
  const { url: endpoint, close } = await loopbackEndpoint();
  const sdk = new ApiGatewayManagementApiClient({ endpoint, region: 'us-east-1' });
  const signed = signedConnectionsApi(endpoint, 'us-east-1');
  const sides = {
    'AWS SDK client': (i: number) => sdk.send(new PostToConnectionCommand({ ConnectionId: `c${i}`, Data: message })),
    'signed client (production)': (i: number) => signed.post(`c${i}`, message),
  };
  try {
    for (const post of Object.values(sides)) await runConcurrently(2_000, CONCURRENCY, post);
    const rounds: Array<Record<keyof typeof sides, Awaited<ReturnType<typeof measure>>>> = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which side goes first, so neither always gets the warmer half.
      const order = (r % 2 ? Object.keys(sides).reverse() : Object.keys(sides)) as Array<keyof typeof sides>;
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
    const cpuRatio = rows[1]!['CPU µs per post (median)'] / rows[0]!['CPU µs per post (median)'];
    const table = markdownTable(rows);
    const verdict = `signed client CPU per post = ${round(cpuRatio * 100, 1)}% of the SDK client's`;
    console.log(table);
    console.log(verdict);
    const path = writeReport(
      'connections-post',
      { posts: POSTS, concurrency: CONCURRENCY, rounds, rows, cpuRatio: round(cpuRatio, 3) },
      `# @connections posts: AWS SDK client vs the signed client\n\n${POSTS} posts per side per round, ${CONCURRENCY} in flight, ${ROUNDS} alternating rounds, one loopback endpoint answering 200 in the same process.\n\n${table}\n\n${verdict}\n`,
    );
    console.log(`report: ${path}`);
  } finally {
    sdk.destroy();
    signed.destroy();
    close();
  }
}

await main();
