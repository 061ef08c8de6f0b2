import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { WebAcl } from '../constructs/web-acl';

export interface EdgeStackProps extends StackProps {
  readonly ratePer5Minutes: number;
}

/**
 * CloudFront accepts only a web ACL of scope CLOUDFRONT created in us-east-1, whatever region the application
 * runs in: this stack holds it, and the application stack references its ARN across regions (CDK's
 * crossRegionReferences, an SSM parameter written here and read there).
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const acl = new WebAcl(this, 'CloudFrontAcl', { scope: 'CLOUDFRONT', ratePer5Minutes: props.ratePer5Minutes });
    this.webAclArn = acl.arn;
    new CfnOutput(this, 'CloudFrontWebAclArn', { value: acl.arn });
  }
}
