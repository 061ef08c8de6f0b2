import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Tags } from 'aws-cdk-lib';
import { ApplicationStack } from '../lib/stacks/application-stack';
import { StatefulStack } from '../lib/stacks/stateful-stack';
import { systemManifest } from '../lib/stacks/system-manifest';
import { stageConfigFor } from '../lib/stage-config';

/** The only place that reads context or the environment: `-c stage=local|localstack|dev|prod` (default dev). */
const app = new App();
const stage = stageConfigFor(app.node.tryGetContext('stage'));
const projectRoot = fileURLToPath(new URL('..', import.meta.url));
// The production build of web/ (`npm run web:build`; `npm run local` builds it too).
const webDir = `${projectRoot}web/dist`;
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

const prefix = `TicketRush-${stage.name}`;
const stateful = new StatefulStack(app, `${prefix}-Stateful`, { stage, env });
const application = new ApplicationStack(app, `${prefix}-App`, {
  stage,
  env,
  manifest: systemManifest,
  table: stateful.sharedTable,
  redis: stateful.redis,
  projectRoot,
  webDir: existsSync(webDir) ? webDir : undefined,
});
// The table arrives by export name, which CloudFormation does not track as a dependency by itself.
application.addStackDependency(stateful, 'imports the table ARN export');
Tags.of(app).add('project', 'ticketrush');
Tags.of(app).add('stage', stage.name);
