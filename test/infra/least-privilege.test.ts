import { describe, expect, it } from 'vitest';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { buildApp, fixturesDir } from './build-app';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const actionsOf = (s: Statement) => [s.Action].flat();

/**
 * CDK's own CfnResource-level provider singletons, which have no role or log group hook: the one behind the web
 * bucket's autoDeleteObjects (runs only when the stack is deleted) and the reader of the us-east-1 edge stack's web
 * ACL ARN (crossRegionReferences; runs only on deploy). The only roles left on the managed basic policy.
 */
const cdkProviderSingletons = /^Custom(S3AutoDeleteObjects|CrossRegionExportReader)CustomResourceProvider/;

describe('least privilege beyond table grants (dev, real manifest)', () => {
  const { appTemplate } = buildApp({ stage: 'dev', manifest: systemManifest, webDir: `${fixturesDir}/web` });
  const resources = appTemplate.toJSON().Resources as Resources;
  const statements = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const lambdaRoles = Object.entries(resources).filter(
    ([id, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com') && !cdkProviderSingletons.test(id),
  );

  it('gives no Lambda role the managed basic/VPC execution policies (log writes to any group of the account)', () => {
    expect(lambdaRoles.length).toBeGreaterThan(10);
    for (const [id, role] of lambdaRoles) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? []), id).not.toMatch(/AWSLambda(Basic|VPCAccess)ExecutionRole/);
    }
  });

  it('lets every function write logs only to the log group it is configured with', () => {
    const functions = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !cdkProviderSingletons.test(id));
    expect(functions.length).toBeGreaterThan(10);
    const policiesOfRole = (roleId: string) =>
      Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    for (const [id, fn] of functions) {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } } | undefined)?.LogGroup.Ref;
      expect(logGroup, `${id} has its own configured log group`).toBeDefined();
      const logStatements = policiesOfRole(roleId)
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      expect(logStatements, id).toHaveLength(1);
      expect(actionsOf(logStatements[0]!).sort(), id).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logStatements[0]!.Resource, id).toEqual({ 'Fn::GetAtt': [logGroup, 'Arn'] });
    }
  });

  it('narrows execute-api:ManageConnections to the stage and to POST and DELETE on @connections', () => {
    const manage = statements.filter((s) => actionsOf(s).includes('execute-api:ManageConnections'));
    expect(manage.length).toBeGreaterThan(0);
    for (const s of manage) {
      const rendered = [s.Resource].flat().map((r) => JSON.stringify(r));
      expect(rendered).toHaveLength(2);
      expect(rendered[0]).toMatch(/\/dev\/POST\/@connections\/\*"\]\]\}$/);
      expect(rendered[1]).toMatch(/\/dev\/DELETE\/@connections\/\*"\]\]\}$/);
    }
  });

  it('lets the web deployment invalidate only its own CloudFront distribution', () => {
    const invalidation = statements.filter((s) => actionsOf(s).includes('cloudfront:CreateInvalidation'));
    expect(invalidation).toHaveLength(1);
    const [distributionId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
    const resource = JSON.stringify(invalidation[0]!.Resource);
    expect(resource).not.toBe('"*"');
    expect(resource).toContain(':distribution/');
    expect(resource).toContain(`{"Ref":"${distributionId}"}`);
  });
});
