import type { App, Environment } from 'aws-cdk-lib';
import type { StageConfig } from '../stage-config';
import { EdgeStack } from './edge-stack';

/**
 * The us-east-1 stack with the distribution's web ACL, for stages that serve the web site behind a WAF. It needs
 * the application's region to be known (crossRegionReferences cannot span an environment-agnostic stack): when it
 * is not (an offline `cdk synth` without a region), no edge stack is made and the distribution has no web ACL.
 */
export function edgeWebAcl(app: App, id: string, stage: StageConfig, env: Environment): { arn?: string; stack?: EdgeStack } {
  if (!stage.website || stage.wafRateLimitPer5Minutes === undefined || !env.region) return {};
  const stack = new EdgeStack(app, id, { env: { account: env.account, region: 'us-east-1' }, ratePer5Minutes: stage.wafRateLimitPer5Minutes });
  return { arn: stack.webAclArn, stack };
}
