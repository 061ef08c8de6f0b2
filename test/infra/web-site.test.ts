import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { WebSite } from '../../lib/constructs/web-site';
import { webContentSecurityPolicy } from '../../lib/web-security-headers';
import { fixturesDir } from './build-app';

describe('WebSite', () => {
  it('serves the app through CloudFront with a strict CSP naming only the API and WebSocket origins', () => {
    const stack = new Stack(new App(), 'Web');
    new WebSite(stack, 'Web', { sourceDir: `${fixturesDir}/web`, config: { apiUrl: 'https://api.example.com/prod/', wsUrl: 'wss://ws.example.com/prod', stage: 'dev' } });
    const template = Template.fromStack(stack);
    const policies = template.findResources('AWS::CloudFront::ResponseHeadersPolicy');
    const csp = Object.values(policies)[0]?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' https://api.example.com wss://ws.example.com");
    expect(csp).not.toContain('unsafe-inline');
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { ResponseHeadersPolicyId: Match.anyValue() } },
    });
  });

  it('keeps unresolved CDK tokens in connect-src and drops missing URLs', () => {
    expect(webContentSecurityPolicy({ apiUrl: 'https://${Token[TOKEN.1]}.execute-api.${Token[AWS.Region.2]}.amazonaws.com/prod/', wsUrl: '' })).toContain(
      "connect-src 'self' https://${Token[TOKEN.1]}.execute-api.${Token[AWS.Region.2]}.amazonaws.com;",
    );
  });
});
