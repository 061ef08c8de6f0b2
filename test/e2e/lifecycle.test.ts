import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '#platform/clients/dynamo-commands';
import { dynamo, tableName } from '#platform/clients';
import { keys } from '#adapters/dynamo/keys';
import { startLocalCloud } from '../../local/cloud';
import { fixtureAuthorizer, openSocket } from '../helpers/local-cloud';

const portOf = (url: string | undefined) => new URL(url ?? '').port;
/** Command lines of live processes (java for DynamoDB Local, redis-server shows `redis-server 127.0.0.1:PORT`). */
const processes = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });

describe('the local cloud lifecycle', () => {
  it('stops every process and server it started, and a second start in the same process works', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ticketrush-data-'));
    try {
      const first = await startLocalCloud({ port: 0, seed: false, dataDir, authorizer: fixtureAuthorizer });
      const dynamoPort = portOf(first.env.AWS_ENDPOINT_URL_DYNAMODB);
      const redisPort = portOf(first.env.REDIS_URL);
      expect(processes()).toContain(`-port ${dynamoPort}`);
      expect(processes()).toContain(`redis-server 127.0.0.1:${redisPort}`);
      const item = { ...keys.user('lifecycle-user'), nickname: '지수' };
      await dynamo().send(new PutCommand({ TableName: tableName(), Item: item }));
      const socket = await openSocket(`${first.wsUrl}?token=user-life`);
      const closed = new Promise((resolve) => socket.socket.once('close', resolve));

      await first.stop();

      await closed;
      const after = processes();
      expect(after).not.toContain(`-port ${dynamoPort}`);
      expect(after).not.toContain(`redis-server 127.0.0.1:${redisPort}`);
      await expect(fetch(`${first.url}/v1/health`)).rejects.toThrow();

      // Same process, fresh services: handler clients follow the new environment, and the data dir kept the item.
      const second = await startLocalCloud({ port: 0, seed: false, dataDir, authorizer: fixtureAuthorizer });
      try {
        expect(second.url).not.toBe(first.url);
        const health = await fetch(`${second.url}/v1/health`);
        expect(health.status).toBe(200);
        const got = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.user('lifecycle-user') }));
        expect(got.Item).toEqual(item);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // two full starts and stops of the local cloud, its stream reader included, on a shared machine

  it('runs the seed function it is given once the environment is set', async () => {
    let seenTable: string | undefined;
    const cloud = await startLocalCloud({ port: 0, seed: async () => void (seenTable = process.env.TABLE_NAME), authorizer: fixtureAuthorizer });
    try {
      expect(seenTable).toBe(cloud.env.TABLE_NAME);
    } finally {
      await cloud.stop();
    }
  });
});
