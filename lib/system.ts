import { Tags, type App, type Environment } from 'aws-cdk-lib';
import { enforceAwsSolutions } from './nag';
import { ApplicationStack } from './stacks/application-stack';
import { StatefulStack } from './stacks/stateful-stack';
import { systemManifest, type SystemManifest } from './stacks/system-manifest';
import { edgeWebAcl } from './stacks/edge-wiring';
import type { StageConfig } from './stage-config';

export interface SystemProps {
  readonly stage: StageConfig;
  readonly env: Environment;
  /** Folder with package.json and package-lock.json. */
  readonly projectRoot: string;
  /** The web app's folder, when it exists. @default - no web site */
  readonly webDir?: string;
  /** @default systemManifest */
  readonly manifest?: SystemManifest;
  /** Handler refs resolve here. @default `${projectRoot}/functions` */
  readonly functionsDir?: string;
}

/**
 * The whole deployable system in `app`, as bin/app.ts builds it: both stacks of a stage, tagged, with cdk-nag's
 * AwsSolutions checks enforced on the app, so anything else added to the same app is checked too.
 */
export function buildSystem(app: App, props: SystemProps): { stateful: StatefulStack; application: ApplicationStack } {
  const { stage, env } = props;
  enforceAwsSolutions(app);
  const prefix = `TicketRush-${stage.name}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { stage, env });
  const edge = edgeWebAcl(app, `${prefix}-Edge`, stage, env);
  const application = new ApplicationStack(app, `${prefix}-App`, {
    stage,
    env,
    crossRegionReferences: edge.stack !== undefined,
    cloudFrontWebAclArn: edge.arn,
    manifest: props.manifest ?? systemManifest,
    table: stateful.sharedTable,
    redis: stateful.redis,
    projectRoot: props.projectRoot,
    functionsDir: props.functionsDir,
    webDir: props.webDir,
  });
  // The table arrives by export name, which CloudFormation does not track as a dependency by itself.
  application.addStackDependency(stateful, 'imports the table ARN export');
  Tags.of(app).add('project', 'ticketrush');
  Tags.of(app).add('stage', stage.name);
  return { stateful, application };
}
