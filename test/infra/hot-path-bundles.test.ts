import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis } from '../../local/services/redis';
import { bundleHandlers, hotPaths } from '../../load/bench/coldstart-bundles';
import { fixturesDir, projectRoot } from './build-app';

/** The ceiling a hot-path bundle may not pass (the goal, reported by bench:coldstart, is 300 KB). */
const MAX_HOT_PATH_BYTES = 350 * 1000;

describe('hot-path Lambda bundles (the CDK esbuild settings)', () => {
  const outDir = mkdtempSync(join(projectRoot, 'cdk.out.hot-paths-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  const bundles = bundleHandlers(
    projectRoot,
    outDir,
    hotPaths.map((ref) => ({ ref, entry: join(projectRoot, 'functions', `${ref.slice(0, ref.lastIndexOf('.'))}.ts`) })),
  );

  it.each(hotPaths)('keeps %s under 350 KB minified', async (ref) => {
    const bundle = (await bundles).find((b) => b.ref === ref);
    expect(bundle).toBeDefined();
    expect(statSync(bundle!.file).size).toBeLessThanOrEqual(MAX_HOT_PATH_BYTES);
  });

  it('bundles only the English zod locale', async () => {
    for (const b of await bundles) expect(b.inputs.filter((f) => f.includes('zod/v4/locales/') && !f.endsWith('/en.js')), b.ref).toEqual([]);
  });

  it('reaches DynamoDB through the signed JSON client: no DynamoDB SDK package, no smithy HTTP stack', async () => {
    for (const b of await bundles) {
      expect(b.externals.filter((e) => /^@aws-sdk\/(client-dynamodb|lib-dynamodb)$/.test(e)), b.ref).toEqual([]);
      expect(b.inputs.filter((f) => f.includes('node_modules/@smithy/')), b.ref).toEqual([]);
    }
  });

  it('loads only the clients a use case needs', async () => {
    const of = async (ref: string) => (await bundles).find((b) => b.ref === ref)!;
    const authorizer = await of('http/authorizer.handler');
    expect(authorizer.externals.filter((e) => e.startsWith('@aws-sdk/client-')).sort()).toEqual(['@aws-sdk/client-secrets-manager']);
    expect(authorizer.inputs.some((f) => f.includes('node_modules/ioredis/'))).toBe(false);
    const webhook = await of('http/payments.receiveWebhook');
    expect(webhook.inputs.some((f) => f.includes('node_modules/ioredis/'))).toBe(false);
    const connect = await of('ws/connect.handler');
    expect(connect.externals.filter((e) => e.startsWith('@aws-sdk/'))).toEqual([]);
  });

  it('bundles the packed Redis command table, which serves the calls the functions make against a real redis-server', async () => {
    const hold = (await bundles).find((b) => b.ref === 'http/reservations.holdSeats')!;
    expect(hold.inputs.some((f) => f.includes('@ioredis/commands'))).toBe(false);
    expect(hold.inputs).toContain('functions/platform/redis-commands.ts');

    const [bundle] = await bundleHandlers(projectRoot, outDir, [{ ref: 'roundTrip', entry: join(fixturesDir, 'redis-roundtrip.ts') }]);
    const { roundTrip } = (await import(pathToFileURL(bundle!.file).href)) as { roundTrip: (url: string) => Promise<unknown> };
    const redis = await startRedis();
    try {
      expect(await roundTrip(redis.endpoint)).toEqual({ got: 'v', zrange: ['a', '1', 'b', '2'], counted: [2, 5], hash: { f: '1' } });
    } finally {
      await redis.stop();
    }
  });
});
