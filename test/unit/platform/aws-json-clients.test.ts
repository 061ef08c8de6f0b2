import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventBridgeClient, type EventBridge } from '#platform/clients/event-bridge';
import { stepFunctionsClient, type StepFunctions } from '#platform/clients/sfn';
import { classifyDependencyError } from '#platform/dependency-errors';

/**
 * A stand-in AWS JSON-protocol endpoint: records each request, and answers by `X-Amz-Target` from a script (200 with
 * an empty body when nothing is scripted).
 */
const script = new Map<string, Array<(res: ServerResponse) => void>>();
const seen: Array<{ path: string; headers: IncomingMessage['headers']; body: unknown }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(body) });
    const answer = script.get(String(req.headers['x-amz-target']))?.shift() ?? ((r: ServerResponse) => r.writeHead(200).end());
    answer(res);
  });
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', ...headers }).end(JSON.stringify(body));

let base: URL;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  base = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/local/service`);
});
afterAll(() => server.close());
beforeEach(() => {
  script.clear();
  seen.length = 0;
});

describe('the Step Functions client (JSON 1.0, signed for states)', () => {
  let client: StepFunctions;
  beforeAll(() => void (client = stepFunctionsClient(base, 'ap-northeast-2')));
  afterAll(() => client.destroy());
  const sfn = () => client;

  it('starts an execution: the target, content type, signature scope and body the API expects, and its answer', async () => {
    script.set('AWSStepFunctions.StartExecution', [json(200, { executionArn: 'arn:aws:states:ap-northeast-2:1:execution:m:R1', startDate: 1.7e9 })]);
    const input = { stateMachineArn: 'arn:aws:states:ap-northeast-2:1:stateMachine:m', name: 'R1', input: '{"reservationId":"R1"}' };
    await expect(sfn().startExecution(input)).resolves.toMatchObject({ executionArn: 'arn:aws:states:ap-northeast-2:1:execution:m:R1' });
    expect(seen[0]).toMatchObject({ path: '/local/service', body: input, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' } });
    expect(seen[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/ap-northeast-2\/states\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target/);
  });

  it('names a refusal as the API does, qualified or not, and neither retries it nor calls it a dependency failure', async () => {
    script.set('AWSStepFunctions.StartExecution', [json(400, { __type: 'com.amazonaws.swf.service.model.v20120801#ExecutionAlreadyExists', message: 'Execution Already Exists' })]);
    script.set('AWSStepFunctions.StopExecution', [json(400, { message: 'no such execution' }, { 'x-amzn-errortype': 'ExecutionDoesNotExist:http://internal.amazon.com/coral/' })]);
    const started = await sfn().startExecution({ stateMachineArn: 'm', name: 'R1', input: '{}' }).catch((e: unknown) => e);
    expect(started).toMatchObject({ name: 'ExecutionAlreadyExists', message: 'Execution Already Exists', $fault: 'client', $metadata: { httpStatusCode: 400 } });
    expect(classifyDependencyError(started)).toBeUndefined();
    const stopped = await sfn().stopExecution({ executionArn: 'e', cause: 'settled' }).catch((e: unknown) => e);
    expect(stopped).toMatchObject({ name: 'ExecutionDoesNotExist', message: 'no such execution' });
    expect(seen).toHaveLength(2);
  });

  it('retries a fault once; a second throttle is a dependency failure naming Step Functions', async () => {
    script.set('AWSStepFunctions.StopExecution', [json(500, { __type: 'InternalFailure' })]);
    await expect(sfn().stopExecution({ executionArn: 'e', cause: 'settled' })).resolves.toBeUndefined();
    expect(seen).toHaveLength(2);
    script.set('AWSStepFunctions.StartExecution', [json(400, { __type: 'ThrottlingException' }), json(400, { __type: 'ThrottlingException' })]);
    const error = await sfn().startExecution({ stateMachineArn: 'm', name: 'R2', input: '{}' }).catch((e: unknown) => e);
    expect(classifyDependencyError(error)).toMatchObject({ failure: 'throttled', dependency: 'Step Functions' });
  });
});

describe('the EventBridge client (JSON 1.1, signed for events)', () => {
  let client: EventBridge;
  beforeAll(() => void (client = eventBridgeClient(base, 'ap-northeast-2')));
  afterAll(() => client.destroy());
  const events = () => client;

  it('puts events and returns the per-entry answer', async () => {
    script.set('AWSEvents.PutEvents', [json(200, { FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] })]);
    const entries = [1, 2].map((i) => ({ Source: 'ticketrush', DetailType: 'SeatsReleased', Detail: `{"i":${i}}`, EventBusName: 'bus' }));
    await expect(events().putEvents(entries)).resolves.toEqual({ FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }] });
    expect(seen[0]).toMatchObject({ body: { Entries: entries }, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' } });
    expect(seen[0]?.headers.authorization).toMatch(/\/ap-northeast-2\/events\/aws4_request, /);
  });

  it('enables and disables a rule by name, taking an empty answer as done', async () => {
    await events().enableRule('admission-loop');
    await events().disableRule('admission-loop');
    expect(seen.map((s) => [s.headers['x-amz-target'], s.body])).toEqual([
      ['AWSEvents.EnableRule', { Name: 'admission-loop' }],
      ['AWSEvents.DisableRule', { Name: 'admission-loop' }],
    ]);
  });

  it('reports a refusal by its name, and a page that is not the service’s JSON by its status', async () => {
    script.set('AWSEvents.EnableRule', [json(400, { __type: 'ResourceNotFoundException', message: 'Rule admission-loop does not exist.' })]);
    script.set('AWSEvents.DisableRule', [(res) => res.writeHead(403, { 'content-type': 'text/html' }).end('<html>Forbidden</html>')]);
    await expect(events().enableRule('admission-loop')).rejects.toMatchObject({ name: 'ResourceNotFoundException', message: 'Rule admission-loop does not exist.' });
    await expect(events().disableRule('admission-loop')).rejects.toMatchObject({ name: 'HTTP 403', message: 'EventBridge answered 403' });
  });
});
