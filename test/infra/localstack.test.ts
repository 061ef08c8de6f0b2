import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageConfigs } from '../../lib/stage-config';
import { fixtureManifest } from '../fixtures/infra/manifest';
import { buildApp, fixturesDir, projectRoot } from './build-app';

/** The block of one top-level service in the compose file (lines indented under `  <name>:`). */
function serviceBlock(compose: string, name: string): string {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  expect(start, `service ${name}`).toBeGreaterThan(-1);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => /^ {0,2}\S/.test(l));
  return rest.slice(0, end === -1 ? undefined : end).join('\n');
}

describe('LocalStack path (cannot run here: no Docker engine)', () => {
  const compose = readFileSync(join(projectRoot, 'docker-compose.localstack.yml'), 'utf8');

  it('compose file: LocalStack with the Docker socket and a Redis service on one named network', () => {
    expect(compose).not.toMatch(/\t/);
    const localstack = serviceBlock(compose, 'localstack');
    expect(localstack).toMatch(/image: localstack\/localstack:\d/);
    expect(localstack).toContain('"127.0.0.1:4566:4566"');
    expect(localstack).toContain('/var/run/docker.sock:/var/run/docker.sock');
    const network = compose.match(/^networks:\n {2}ticketrush:\n {4}name: (\S+)$/m)?.[1];
    expect(network).toBeDefined();
    expect(localstack).toContain(`LAMBDA_DOCKER_NETWORK: ${network}`);
    for (const service of ['lambda', 'dynamodb', 'sqs', 'events', 'stepfunctions', 'apigateway', 'secretsmanager']) {
      expect(localstack).toMatch(new RegExp(`SERVICES: .*\\b${service}\\b`));
    }
    const redis = serviceBlock(compose, 'redis');
    expect(redis).toMatch(/image: redis:\d/);
    expect(redis).toContain('"127.0.0.1:6379:6379"');
    // The stage's REDIS_URL names this service.
    expect(stageConfigs.localstack.redis).toEqual({ kind: 'external', url: 'redis://redis:6379' });
  });

  it('deploy script: cdklocal bootstrap and deploy of the localstack stage, failing fast without LocalStack', () => {
    const script = readFileSync(join(projectRoot, 'scripts/deploy-localstack.sh'), 'utf8');
    expect(statSync(join(projectRoot, 'scripts/deploy-localstack.sh')).mode & 0o111).not.toBe(0);
    expect(script).toContain('set -euo pipefail');
    expect(script).toMatch(/cdklocal bootstrap -c stage=localstack/);
    expect(script).toMatch(/cdklocal deploy --all .*-c stage=localstack/);
    expect(script).toContain('_localstack/health');
  });

  it('localstack stage synthesizes without ElastiCache, VPC, WebSocket API or CloudFront', () => {
    const { statefulTemplate, appTemplate, restTemplate } = buildApp({ stage: 'localstack', manifest: fixtureManifest, functionsDir: fixturesDir, webDir: `${fixturesDir}/web` });
    statefulTemplate.resourceCountIs('AWS::ElastiCache::ServerlessCache', 0);
    statefulTemplate.resourceCountIs('AWS::EC2::VPC', 0);
    appTemplate.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    appTemplate.resourceCountIs('AWS::CloudFront::Distribution', 0);
    const redisUsers = Object.values(appTemplate.findResources('AWS::Lambda::Function', { Properties: { Description: 'handlers.admitNext' } }));
    expect(redisUsers).toHaveLength(1);
    const props = redisUsers[0]!.Properties;
    expect(props.Environment.Variables.REDIS_URL).toBe('redis://redis:6379');
    expect(props.Environment.Variables).not.toHaveProperty('WS_MANAGEMENT_ENDPOINT');
    expect(props.VpcConfig).toBeUndefined();
    restTemplate!.resourceCountIs('AWS::ApiGateway::RestApi', 1);
    appTemplate.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
  });
});
