import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag-acknowledgements';

export interface FunctionRoleProps {
  /** The only log group the function may write to. */
  readonly logGroup: ILogGroup;
  /** Adds the ENI actions a function placed in a VPC needs. @default false */
  readonly inVpc?: boolean;
}

/**
 * A Lambda execution role that writes logs to its own group only, in place of the managed
 * AWSLambdaBasicExecutionRole (CreateLogGroup/CreateLogStream/PutLogEvents on every group of the account) and
 * AWSLambdaVPCAccessExecutionRole (the same log rights plus ENI management). The owner acknowledges `Resource::*`
 * with every reason its role carries one (ENI actions here, X-Ray from tracing).
 */
export class FunctionRole extends Role {
  constructor(scope: Construct, id: string, props: FunctionRoleProps) {
    super(scope, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.addToPrincipalPolicy(new PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [props.logGroup.logGroupArn] }));
    acknowledgeWildcardResource(this, props.logGroup.logGroupArn, 'Log streams of this one log group: Lambda names a stream per execution environment at run time');
    if (props.inVpc) {
      this.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
          resources: ['*'],
        }),
      );
    }
  }
}
