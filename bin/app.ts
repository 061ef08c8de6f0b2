import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { buildSystem } from '../lib/system';
import { stageConfigFor } from '../lib/stage-config';

/**
 * The only place that reads context or the environment: `-c stage=local|localstack|dev|prod` (default dev).
 * buildSystem enforces cdk-nag's AwsSolutions checks, so every synth and deploy fails on an unacknowledged finding.
 */
const app = new App();
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// The production build of web/ (`npm run web:build`; `npm run local` builds it too).
const webDir = `${projectRoot}web/dist`;
buildSystem(app, {
  stage: stageConfigFor(app.node.tryGetContext('stage')),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  projectRoot,
  webDir: existsSync(webDir) ? webDir : undefined,
});
