import { Template, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildFixtureApp, fixturesDir } from './build-app';

describe('WAF web ACLs at the edge (dev and prod)', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`attaches a regional ACL with a per-address rate rule and the managed groups to the REST stage (${stage})`, async () => {
      const { restTemplate } = await buildFixtureApp(stage, `${fixturesDir}/web`);
      const t = restTemplate!;
      t.resourceCountIs('AWS::WAFv2::WebACL', 1);
      t.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'REGIONAL',
        Rules: Match.arrayWith([
          Match.objectLike({ Name: 'RateLimitPerAddress', Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: stage === 'prod' ? 6000 : 3000 }) }, Action: { Block: Match.objectLike({ CustomResponse: Match.objectLike({ ResponseCode: 429 }) }) } }),
          Match.objectLike({ Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesKnownBadInputsRuleSet' }) } }),
          Match.objectLike({ Statement: { ManagedRuleGroupStatement: Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }) } }),
          Match.objectLike({
            Statement: {
              ManagedRuleGroupStatement: Match.objectLike({
                Name: 'AWSManagedRulesBotControlRuleSet',
                // Scripts that behave (a status poller with curl) are counted, not blocked.
                RuleActionOverrides: [{ Name: 'CategoryHttpLibrary', ActionToUse: { Count: {} } }, { Name: 'SignalNonBrowserUserAgent', ActionToUse: { Count: {} } }],
              }),
            },
          }),
        ]),
      });
      const [stageId] = Object.keys(t.findResources('AWS::ApiGateway::Stage'));
      const [aclId] = Object.keys(t.findResources('AWS::WAFv2::WebACL'));
      const association = Object.values(t.findResources('AWS::WAFv2::WebACLAssociation'));
      expect(association).toHaveLength(1);
      expect(JSON.stringify(association[0]!.Properties.ResourceArn)).toContain(stageId);
      expect(association[0]!.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    });
  }

  it('puts the distribution’s CLOUDFRONT ACL in a us-east-1 stack and attaches it to the distribution', async () => {
    const { edge, appTemplate } = await buildFixtureApp('dev', `${fixturesDir}/web`);
    expect(edge?.region).toBe('us-east-1');
    const edgeTemplate = Template.fromStack(edge!);
    edgeTemplate.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', Rules: Match.arrayWith([Match.objectLike({ Name: 'RateLimitPerAddress' })]) });
    const distribution = Object.values(appTemplate.findResources('AWS::CloudFront::Distribution'))[0]!;
    // Read across regions through the SSM parameter CDK's crossRegionReferences writes in the edge stack.
    expect(JSON.stringify(distribution.Properties.DistributionConfig.WebACLId)).toContain('CloudFrontAcl');
  });

  it('deploys no web ACL where WAF does not exist (LocalStack) or is not wanted (local)', async () => {
    for (const stage of ['local', 'localstack'] as const) {
      const { restTemplate, edge } = await buildFixtureApp(stage, `${fixturesDir}/web`);
      restTemplate!.resourceCountIs('AWS::WAFv2::WebACL', 0);
      expect(edge).toBeUndefined();
    }
  });
});
