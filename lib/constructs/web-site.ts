import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { webContentSecurityPolicy } from '../web-security-headers';
import { type AddToPrincipalPolicyResult, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FunctionRole } from './function-role';
import { type ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { acknowledge, acknowledgeWildcardResourcesOf } from './nag-acknowledgements';

export interface WebSiteProps {
  /** Folder with the built web app (index.html at its root). */
  readonly sourceDir: string;
  /** Written as /config.json beside the app, as the local cloud serves it. */
  readonly config: { readonly apiUrl: string; readonly wsUrl: string; readonly stage: string };
  /** ARN of a CLOUDFRONT-scope web ACL (created in us-east-1: lib/stacks/edge-stack.ts). @default - none */
  readonly webAclArn?: string;
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The deployment function's role. BucketDeployment grants its CloudFront invalidation on `*`, but both actions accept
 * the distribution's ARN: this role narrows any such statement to the one distribution. Logs go to the function's
 * own group only (functionRole).
 */
class InvalidationScopedRole extends FunctionRole {
  constructor(scope: Construct, id: string, private readonly distribution: Distribution, logGroup: ILogGroup) {
    super(scope, id, { logGroup });
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    const invalidation = statement.actions.length > 0 && statement.actions.every((a) => a.startsWith('cloudfront:'));
    if (!invalidation) return super.addToPrincipalPolicy(statement);
    return super.addToPrincipalPolicy(new PolicyStatement({ actions: statement.actions, resources: [this.distribution.distributionArn] }));
  }
}

/**
 * The web app: a private bucket served only through CloudFront (origin access control), with a strict
 * Content-Security-Policy and the other security headers added by a response-headers policy.
 */
export class WebSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly url: string;
  readonly securityHeaders: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: WebSiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // The bucket holds only build output, redeployed from the repository.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'TicketRush web app: CSP (scripts, styles and workers from self only), HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: webContentSecurityPolicy(props.config), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
    this.distribution = new Distribution(this, 'Distribution', {
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.securityHeaders,
      },
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
    });
    const deployLogs = new LogGroup(this, 'DeployLogs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const role = new InvalidationScopedRole(this, 'DeployRole', this.distribution, deployLogs);
    new BucketDeployment(this, 'Deploy', {
      role,
      logGroup: deployLogs,
      destinationBucket: this.bucket,
      sources: [Source.asset(props.sourceDir), Source.jsonData('config.json', props.config)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    const publicAssets = 'The bucket holds only the public build of web/, no user data';
    acknowledge(this.bucket, 'S1', `${publicAssets}; requests are seen in CloudFront and API access logs`);
    acknowledge(this.distribution, 'CFR1', 'Fans travel; the sale is open to every country and region');
    if (!props.webAclArn) acknowledge(this.distribution, 'CFR2', `${publicAssets}; no web ACL was given for this stage, and the API behind it carries its own rate limits and abuse rules`);
    acknowledge(this.distribution, 'CFR3', `${publicAssets}; access logging would only record static file fetches`);
    acknowledge(this.distribution, 'CFR4', 'The default *.cloudfront.net certificate; TLS 1.2 minimum comes with the custom domain chosen at deploy');
    for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*']) {
      acknowledge(role, `IAM5[${finding}]`, "CDK's deployment function syncs the asset into this site's bucket only");
    }
    acknowledgeWildcardResourcesOf(role, "Objects of the CDK asset bucket and of this site's bucket, whose keys come from the build");
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) acknowledge(child, 'L1', "Runtime chosen and maintained by CDK's BucketDeployment");
    }
  }
}
