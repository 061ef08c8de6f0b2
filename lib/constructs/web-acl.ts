import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebAclProps {
  /** REGIONAL for the REST API stage; CLOUDFRONT for the distribution (which AWS requires in us-east-1). */
  readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests one address may send in any 5 minutes before WAF blocks it (429) until its rate drops. */
  readonly ratePer5Minutes: number;
}

/** Managed rule groups, cheapest evaluated first; Bot Control last, as AWS recommends (it is priced per request). */
const managedGroups = [
  { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  { name: 'AWSManagedRulesCommonRuleSet' },
  {
    name: 'AWSManagedRulesBotControlRuleSet',
    config: { awsManagedRulesBotControlRuleSet: { inspectionLevel: 'COMMON' } },
    // A well-behaved script (curl, a status poller) is a client of this API too: these only count, the
    // application's per-user limits and abuse rules decide. Verified bots and browsers pass the rest.
    countOnly: ['CategoryHttpLibrary', 'SignalNonBrowserUserAgent'],
  },
] as const;

/**
 * The edge's web ACL: an IP rate-based rule (answering api.md's 429 RATE_LIMITED body) and the AWS managed common,
 * known-bad-inputs and bot-control rule groups. The application's own limits and abuse rules stay the real gate;
 * this stops floods before they cost a Lambda invocation.
 */
export class WebAcl extends Construct {
  readonly acl: CfnWebACL;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    this.acl = new CfnWebACL(this, 'Acl', {
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`TicketRush${props.scope}`),
      customResponseBodies: {
        RateLimited: {
          contentType: 'APPLICATION_JSON',
          content: '{"error":{"code":"RATE_LIMITED","message":"Too many requests from this address; slow down"},"requestId":"waf"}',
        },
      },
      rules: [
        {
          name: 'RateLimitPerAddress',
          priority: 0,
          statement: { rateBasedStatement: { limit: props.ratePer5Minutes, aggregateKeyType: 'IP', evaluationWindowSec: 300 } },
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: 'RateLimited', responseHeaders: [{ name: 'retry-after', value: '60' }] } },
          },
          visibilityConfig: visibility('RateLimitPerAddress'),
        },
        ...managedGroups.map((g, i) => ({
          name: g.name,
          priority: i + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: g.name,
              ...('config' in g ? { managedRuleGroupConfigs: [g.config] } : {}),
              ...('countOnly' in g ? { ruleActionOverrides: g.countOnly.map((name) => ({ name, actionToUse: { count: {} } })) } : {}),
            },
          },
          visibilityConfig: visibility(g.name),
        })),
      ],
    });
    this.arn = this.acl.attrArn;
  }

  /** Attaches a REGIONAL ACL to a resource (an API Gateway stage). */
  associate(id: string, resourceArn: string): CfnWebACLAssociation {
    return new CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.arn });
  }
}
