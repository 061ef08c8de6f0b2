import { describe, expect, it } from 'vitest';
import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { authorizerHandler, restRoutes } from '../../lib/routes';
import { waitingRoom } from '#composition/waiting-room';
import { eventually, useLocalCloud } from '../helpers/local-cloud';

// The real routes, authorizer, handlers and declared schedules; no hold-deadline machine is needed here.
const cloud = useLocalCloud({ routes: restRoutes, authorizer: authorizerHandler });

const ruleState = async () => {
  const client = new EventBridgeClient({ endpoint: cloud().env.AWS_ENDPOINT_URL_EVENTBRIDGE, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    return (await client.send(new DescribeRuleCommand({ Name: cloud().env.ADMISSION_LOOP_RULE_NAME }))).State;
  } finally {
    client.destroy();
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(path: string, method: string, token?: string, body?: unknown) {
  const res = await fetch(`${cloud().url}/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('the admission loop runs only while a line exists', () => {
  it('starts disarmed, is armed by the first join, and disarms itself once the line is empty', async () => {
    const ticks: string[] = [];
    waitingRoom().tick.observe((r) => void ticks.push(r.concertId));

    expect(await ruleState()).toBe('DISABLED');
    await sleep(2_500);
    expect(ticks).toHaveLength(0);

    const token = (await call('/auth/dev/sign-in', 'POST', undefined, { nickname: `arming-${Date.now()}` })).body.accessToken as string;
    const concertId = `arming-${Date.now().toString(36)}`;
    expect((await call(`/concerts/${concertId}/queue`, 'POST', token, {})).status).toBe(200);
    expect(await ruleState()).toBe('ENABLED');
    await eventually(() => call(`/concerts/${concertId}/queue/me`, 'GET', token), (r) => r.body?.status === 'ACTIVE');
    expect(ticks).toContain(concertId);

    expect((await call(`/concerts/${concertId}/queue/me`, 'DELETE', token)).status).toBe(204);
    await eventually(ruleState, (s) => s === 'DISABLED');
    const after = ticks.length;
    await sleep(2_500);
    expect(ticks.length).toBe(after);
  });
});
