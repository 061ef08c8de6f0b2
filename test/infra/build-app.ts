import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ApplicationStack } from '../../lib/stacks/application-stack';
import { StatefulStack } from '../../lib/stacks/stateful-stack';
import { edgeWebAcl } from '../../lib/stacks/edge-wiring';
import type { SystemManifest } from '../../lib/stacks/system-manifest';
import { stageConfigFor, type StageName } from '../../lib/stage-config';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const fixturesDir = fileURLToPath(new URL('../fixtures/infra', import.meta.url));

export interface BuildOptions {
  stage: StageName;
  manifest: SystemManifest;
  /** Handler refs resolve here; the real app uses functions/. */
  functionsDir?: string;
  webDir?: string;
}

/** Builds both stacks as bin/app.ts does, without esbuild bundling (template assertions need no code). */
export function createApp(options: BuildOptions) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stage = stageConfigFor(options.stage);
  const env = { account: '111111111111', region: 'ap-northeast-2' };
  const stateful = new StatefulStack(app, 'Stateful', { stage, env });
  const edge = options.webDir ? edgeWebAcl(app, 'Edge', stage, env) : {};
  const application: ApplicationStack = new ApplicationStack(app, 'App', {
    stage,
    env,
    crossRegionReferences: edge.stack !== undefined,
    cloudFrontWebAclArn: edge.arn,
    manifest: options.manifest,
    table: stateful.sharedTable,
    redis: stateful.redis,
    projectRoot,
    functionsDir: options.functionsDir,
    webDir: options.webDir,
  });
  application.addStackDependency(stateful, 'imports the table ARN export');
  return { app, stateful, application, edge: edge.stack };
}

/** As createApp, synthesized into templates. */
export function buildApp(options: BuildOptions) {
  const built = createApp(options);
  const { restApiStack } = built.application;
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    appTemplate: Template.fromStack(built.application),
    /** The nested stack with the REST API's resources, methods and permissions. */
    restTemplate: restApiStack ? Template.fromStack(restApiStack) : undefined,
  };
}

export function buildFixtureApp(stage: StageName, webDir?: string) {
  return import('../fixtures/infra/manifest').then(({ fixtureManifest }) =>
    buildApp({ stage, manifest: fixtureManifest, functionsDir: fixturesDir, webDir }),
  );
}
