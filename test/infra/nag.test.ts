import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { stageConfigFor, type StageName } from '../../lib/stage-config';
import { buildSystem } from '../../lib/system';
import { fixtureManifest } from '../fixtures/infra/manifest';
import { createApp, fixturesDir, projectRoot } from './build-app';
import { awsSolutionsViolations } from './nag';

/** Every acknowledgement in the app with its reason. */
function acknowledgements(app: App): { path: string; rule: string; reason: unknown }[] {
  return app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>).map(([rule, reason]) => ({ path: c.node.path, rule, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  for (const stage of ['dev', 'prod', 'local'] as StageName[]) {
    it(`finds nothing unacknowledged in both stacks built from the fixture manifest (${stage})`, () => {
      const { app } = createApp({ stage, manifest: fixtureManifest, functionsDir: fixturesDir, webDir: `${fixturesDir}/web` });
      expect(awsSolutionsViolations(app)).toEqual([]);
    });
  }

  for (const stage of ['dev', 'localstack'] as StageName[]) {
    it(`finds nothing unacknowledged in the real app as the manifest stands (${stage})`, () => {
      const { app } = createApp({ stage, manifest: systemManifest });
      expect(awsSolutionsViolations(app)).toEqual([]);
    });
  }

  it('gives every acknowledgement a specific reason and acknowledges nothing stack-wide', () => {
    const { app, stateful, application } = createApp({ stage: 'dev', manifest: fixtureManifest, functionsDir: fixturesDir, webDir: `${fixturesDir}/web` });
    // CDK itself acknowledges a CloudFormation-validator rule on stacks with a VPC; ours are the AwsSolutions ones.
    const all = acknowledgements(app).filter((a) => a.rule.includes('AwsSolutions-'));
    expect(all.length).toBeGreaterThan(20);
    for (const a of all) {
      expect(typeof a.reason, `${a.path} ${a.rule}`).toBe('string');
      expect((a.reason as string).length, `${a.path} ${a.rule}`).toBeGreaterThan(30);
      expect([app.node.path, stateful.node.path, application.node.path]).not.toContain(a.path);
    }
  });

  it('fails the synth of the app bin/app.ts builds when a stack carries an unacknowledged finding', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    buildSystem(app, { stage: stageConfigFor('dev'), env: { account: '111111111111', region: 'ap-northeast-2' }, projectRoot, manifest: fixtureManifest, functionsDir: fixturesDir });
    // A queue with neither a DLQ nor enforced TLS: AwsSolutions-SQS3 and SQS4, acknowledged nowhere.
    new Queue(new Stack(app, 'Deliberate', { env: { account: '111111111111', region: 'ap-northeast-2' } }), 'Unchecked');
    let thrown = '';
    try {
      app.synth();
    } catch (error) {
      thrown = String(error);
    }
    expect(thrown).toMatch(/^ValidationFailed/);
    expect(thrown).toContain('Deliberate/Unchecked/Resource');
    expect(thrown).toContain('AwsSolutions-SQS3');
    expect(thrown).toContain('AwsSolutions-SQS4');
  });

  it('lets the same app synthesize without the deliberate finding', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    buildSystem(app, { stage: stageConfigFor('dev'), env: { account: '111111111111', region: 'ap-northeast-2' }, projectRoot, manifest: fixtureManifest, functionsDir: fixturesDir });
    expect(() => app.synth()).not.toThrow();
  });
});
