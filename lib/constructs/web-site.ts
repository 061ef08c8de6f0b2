import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, ResponseHeadersPolicy, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { webContentSecurityPolicy } from '../web-security-headers';
import { acknowledge, acknowledgeWildcardResourcesOf, lambdaManagedPolicies } from './nag-acknowledgements';

export interface WebSiteProps {
  /** Folder with the built web app (index.html at its root). */
  readonly sourceDir: string;
  /** Written as /config.json beside the app, as the local cloud serves it. */
  readonly config: { readonly apiUrl: string; readonly wsUrl: string; readonly stage: string };
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
    });
    const deployment = new BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [Source.asset(props.sourceDir), Source.jsonData('config.json', props.config)],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    const publicAssets = 'The bucket holds only the public build of web/, no user data';
    acknowledge(this.bucket, 'S1', `${publicAssets}; requests are seen in CloudFront and API access logs`);
    acknowledge(this.distribution, 'CFR1', 'Fans travel; the sale is open to every country and region');
    acknowledge(this.distribution, 'CFR2', `${publicAssets}; the API behind it carries throttling and the abuse rules`);
    acknowledge(this.distribution, 'CFR3', `${publicAssets}; access logging would only record static file fetches`);
    acknowledge(this.distribution, 'CFR4', 'The default *.cloudfront.net certificate; TLS 1.2 minimum comes with the custom domain chosen at deploy');
    const role = deployment.handlerRole;
    acknowledge(role, lambdaManagedPolicies.basic, "CDK's deployment function writes only its own logs");
    for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*']) {
      acknowledge(role, `IAM5[${finding}]`, "CDK's deployment function syncs the asset into this site's bucket only");
    }
    acknowledge(role, 'IAM5[Resource::*]', 'CloudFront invalidation actions accept only *');
    acknowledgeWildcardResourcesOf(role, "Objects of the CDK asset bucket and of this site's bucket, whose keys come from the build");
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) acknowledge(child, 'L1', "Runtime chosen and maintained by CDK's BucketDeployment");
    }
  }
}
