import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageConfigs } from '../../lib/stage-config';
import { projectRoot } from './build-app';

const run = promisify(execFile);

/** The block of one top-level service in the compose file (lines indented under `  <name>:`). */
function serviceBlock(compose: string, name: string): string {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  expect(start, `service ${name}`).toBeGreaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^ {0,2}\S/.test(l));
  return rest.slice(0, end === -1 ? undefined : end).join('\n');
}

/** The variables scripts/localstack-env.sh exports, as bash sees them after sourcing it over `base`. */
async function localstackEnv(base: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const { stdout } = await run('bash', ['-c', 'source scripts/localstack-env.sh && env -0'], { cwd: projectRoot, env: base });
  return Object.fromEntries(stdout.split('\0').filter(Boolean).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

interface Template {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/**
 * Nodejs runtimes the pinned image (localstack/localstack:4.14.0, Feb 2026) accepts: nodejs22.x since 4.0
 * (localstack#11901), nodejs24.x since Nov 2025 (localstack#13410). CDK's custom-resource provider framework picks
 * the newest runtime CDK knows, so this list is what keeps a CDK upgrade from deploying a runtime LocalStack refuses.
 */
const runtimesOfPinnedImage = ['nodejs22.x', 'nodejs24.x'];

describe('LocalStack path (deploy cannot run here: no Docker engine)', () => {
  const compose = readFileSync(join(projectRoot, 'docker-compose.localstack.yml'), 'utf8');

  it('compose file: a pinned LocalStack image with the Docker socket, native-arch Lambdas, and Redis on one named network', () => {
    expect(compose).not.toMatch(/\t/);
    const localstack = serviceBlock(compose, 'localstack');
    // The last release that starts without an account; later tags need LOCALSTACK_AUTH_TOKEN (documented above it).
    expect(localstack).toContain('image: localstack/localstack:4.14.0');
    expect(compose).toMatch(/LOCALSTACK_AUTH_TOKEN/);
    expect(localstack).toContain('LOCALSTACK_AUTH_TOKEN: ${LOCALSTACK_AUTH_TOKEN:-}');
    expect(localstack).toContain('LAMBDA_IGNORE_ARCHITECTURE: "1"');
    expect(localstack).toContain('"127.0.0.1:4566:4566"');
    expect(localstack).toContain('/var/run/docker.sock:/var/run/docker.sock');
    const network = compose.match(/^networks:\n {2}ticketrush:\n {4}name: (\S+)$/m)?.[1];
    expect(network).toBeDefined();
    expect(localstack).toContain(`LAMBDA_DOCKER_NETWORK: ${network}`);
    for (const service of ['lambda', 'dynamodb', 'sqs', 'sns', 'events', 'stepfunctions', 'apigateway', 'secretsmanager', 'cloudwatch']) {
      expect(localstack).toMatch(new RegExp(`SERVICES: .*\\b${service}\\b`));
    }
    const redis = serviceBlock(compose, 'redis');
    expect(redis).toMatch(/image: redis:\d+\.\d+/);
    expect(redis).toContain('"127.0.0.1:6379:6379"');
    // The stage's REDIS_URL names this service.
    expect(stageConfigs.localstack.redis).toEqual({ kind: 'external', url: 'redis://redis:6379' });
  });

  it('deploy environment: accepted by cdklocal 3 (endpoint and S3 endpoint together, region allow-listed)', async () => {
    const env = await localstackEnv({ PATH: process.env.PATH, AWS_PROFILE: 'someones-real-account' });
    const { configureEnvironment } = createRequire(import.meta.url)('aws-cdk-local/src') as {
      configureEnvironment: (env: NodeJS.ProcessEnv, allowList: string) => void;
    };
    configureEnvironment(env, env.AWS_ENVAR_ALLOWLIST ?? '');
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_ENDPOINT_URL).toBe('http://localhost.localstack.cloud:4566');
    expect(env.AWS_ENDPOINT_URL_S3).toBe('http://s3.localhost.localstack.cloud:4566');
    expect(env.AWS_REGION).toBe('us-east-1');
    expect(env.CDK_DEFAULT_ACCOUNT).toBe('000000000000');
  });

  it('deploy script: cdklocal bootstrap and deploy of the localstack stage; stops at once when LocalStack is not up', async () => {
    const script = readFileSync(join(projectRoot, 'scripts/deploy-localstack.sh'), 'utf8');
    expect(statSync(join(projectRoot, 'scripts/deploy-localstack.sh')).mode & 0o111).not.toBe(0);
    expect(script).toMatch(/cdklocal bootstrap -c stage=localstack/);
    expect(script).toMatch(/cdklocal deploy --all .*-c stage=localstack/);
    // Port 9 (discard) on loopback: nothing answers, so the script must fail before any cdklocal call.
    const failed = await run('bash', ['scripts/deploy-localstack.sh'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9' },
    }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('LocalStack is not answering at http://127.0.0.1:9');
    expect(failed?.stderr).toContain('docker compose -f docker-compose.localstack.yml up -d --wait');
  });

  describe('`cdklocal synth -c stage=localstack` of the real app', () => {
    let out: string;
    const templates: Record<string, Template> = {};
    const resources = () => Object.values(templates).flatMap((t) => Object.entries(t.Resources));
    const ofType = (type: string) => resources().filter(([, r]) => r.Type === type);

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'ticketrush-cdklocal-'));
      const env = await localstackEnv({ PATH: process.env.PATH, HOME: process.env.HOME });
      // The real CLI path a developer runs (bin/app.ts with its cdk-nag Aspect, esbuild bundling of every function).
      await run('npx', ['cdklocal', 'synth', '-c', 'stage=localstack', '--quiet', '-o', out], { cwd: projectRoot, env, maxBuffer: 64 * 1024 * 1024 });
      for (const file of readdirSync(out).filter((f) => f.endsWith('.template.json'))) {
        templates[file] = JSON.parse(readFileSync(join(out, file), 'utf8')) as Template;
      }
    }, 300_000);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('synthesizes both stacks and the REST API nested stack', () => {
      expect(Object.keys(templates).sort()).toEqual([
        'TicketRush-localstack-App.template.json',
        'TicketRush-localstack-Stateful.template.json',
        expect.stringMatching(/^TicketRushlocalstackAppRestApi.*\.nested\.template\.json$/),
      ]);
      expect(ofType('AWS::ApiGateway::RestApi')).toHaveLength(1);
      expect(ofType('AWS::StepFunctions::StateMachine')).toHaveLength(1);
    });

    it('has no arm64 function and only runtimes the pinned LocalStack image runs (custom-resource framework included)', () => {
      const functions = ofType('AWS::Lambda::Function');
      expect(functions.length).toBeGreaterThan(10);
      for (const [id, fn] of functions) {
        expect(fn.Properties?.Architectures ?? ['x86_64'], id).toEqual(['x86_64']);
        expect(runtimesOfPinnedImage, `${id} ${String(fn.Properties?.Runtime)}`).toContain(fn.Properties?.Runtime);
      }
    });

    it('deploys nothing LocalStack community lacks: no WebSocket API, ElastiCache, VPC or CloudFront', () => {
      for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ElastiCache::ServerlessCache', 'AWS::EC2::VPC', 'AWS::CloudFront::Distribution']) {
        expect(ofType(type), type).toEqual([]);
      }
      const withRedis = ofType('AWS::Lambda::Function').filter(([, fn]) => JSON.stringify(fn.Properties).includes('REDIS_URL'));
      expect(withRedis.length).toBeGreaterThan(0);
      for (const [id, fn] of withRedis) {
        const vars = (fn.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
        expect(vars.REDIS_URL, id).toBe('redis://redis:6379');
        expect(vars, id).not.toHaveProperty('WS_MANAGEMENT_ENDPOINT');
        expect(fn.Properties?.VpcConfig, id).toBeUndefined();
      }
    });

    it('points the payment webhook at the API through LocalStack’s execute-api host, not amazonaws.com', () => {
      const targets = ofType('AWS::Lambda::Function')
        .map(([, fn]) => (fn.Properties?.Environment as { Variables: Record<string, unknown> } | undefined)?.Variables.WEBHOOK_TARGET_URL)
        .filter((v) => v !== undefined);
      expect(targets).toHaveLength(1);
      const rendered = JSON.stringify(targets[0]);
      expect(rendered).toMatch(/^\{"Fn::Join":\["",\["http:\/\/",\{.*\},"\.execute-api\.localhost\.localstack\.cloud:4566\/localstack\/v1\/payments\/webhooks"\]\]\}$/);
      expect(rendered).not.toContain('amazonaws.com');
    });
  });
});
