import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireCall {
  target: string;
  body: Record<string, unknown>;
}

/**
 * A loopback endpoint speaking just enough of the AWS JSON protocol for StartExecution/StopExecution and
 * PutEvents, so the real SDK clients and adapters can be exercised until the local cloud serves the real ones.
 */
export async function startWireRecorder(): Promise<{ url: string; calls: WireCall[]; failNext: (n: number) => void; stop: () => Promise<void> }> {
  const calls: WireCall[] = [];
  let failures = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      calls.push({ target, body: text ? JSON.parse(text) : {} });
      res.setHeader('content-type', 'application/x-amz-json-1.0');
      if (failures > 0) {
        failures--;
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'StateMachineDoesNotExist', message: 'no such machine' }));
        return;
      }
      if (target.endsWith('.PutEvents')) res.end(JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: String(calls.length) }] }));
      else if (target.endsWith('.StartExecution')) res.end(JSON.stringify({ executionArn: 'arn:aws:states:us-east-1:000000000000:execution:m:x', startDate: Date.now() / 1000 }));
      else res.end(JSON.stringify({ stopDate: Date.now() / 1000 }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    failNext: (n) => (failures = n),
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Points the production composition roots' Step Functions and EventBridge clients at a wire recorder, then loads
 * the handler modules (after the environment is set, since clients are built on first use).
 */
export async function withWireRecorder<T>(load: () => Promise<T>): Promise<{ wire: Awaited<ReturnType<typeof startWireRecorder>>; modules: T }> {
  const wire = await startWireRecorder();
  process.env.AWS_ENDPOINT_URL_SFN = wire.url;
  process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = wire.url;
  process.env.HOLD_DEADLINES_STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:HoldDeadlines';
  return { wire, modules: await load() };
}
