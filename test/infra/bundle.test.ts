import { existsSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { LambdaFunction } from '../../lib/constructs/lambda-function';
import { fixturesDir, projectRoot } from './build-app';

describe('Lambda bundling (real esbuild, no Docker)', () => {
  const app = new App();
  const stack = new Stack(app, 'Bundle');
  const logGroup = new LogGroup(stack, 'Logs');
  new LambdaFunction(stack, 'Greet', { entry: join(fixturesDir, 'handlers.ts'), exportName: 'greet', projectRoot, providers: {}, logGroup });
  const assembly = app.synth();
  const bundleDir = readdirSync(assembly.directory)
    .map((name) => join(assembly.directory, name))
    .find((dir) => existsSync(join(dir, 'index.mjs')));

  it('emits one small ESM file with a source map, resolving #platform imports', () => {
    expect(bundleDir).toBeDefined();
    const size = statSync(join(bundleDir!, 'index.mjs')).size;
    console.log(`greet bundle: ${(size / 1024).toFixed(1)} KiB`);
    expect(size).toBeLessThan(600 * 1024);
    expect(existsSync(join(bundleDir!, 'index.mjs.map'))).toBe(true);
    const code = readFileSync(join(bundleDir!, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire } from 'node:module';const require = createRequire(import.meta.url);")).toBe(true);
  });

  it('runs as an ES module and answers an API Gateway event', async () => {
    const bundle = (await import(pathToFileURL(join(bundleDir!, 'index.mjs')).href)) as {
      greet: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const event = { httpMethod: 'GET', path: '/v1/greetings', headers: {}, queryStringParameters: { name: 'bundle' }, requestContext: { requestId: 'r-1' } };
    const result = await bundle.greet(event, { awsRequestId: 'r-1' });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ hello: 'bundle' });
    const bad = await bundle.greet({ ...event, queryStringParameters: { name: '' } }, { awsRequestId: 'r-2' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe('VALIDATION_FAILED');
  });
});
