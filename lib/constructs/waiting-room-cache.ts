import { Names, RemovalPolicy } from 'aws-cdk-lib';
import { FlowLogDestination, GatewayVpcEndpointAwsService, Peer, Port, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { CfnServerlessCache } from 'aws-cdk-lib/aws-elasticache';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RedisEndpoint } from './need-providers';

export interface WaitingRoomCacheProps {
  /** @default 2 */
  readonly maxAzs?: number;
  /** NAT gateways for functions in the VPC (DynamoDB has a gateway endpoint; SQS, EventBridge, OAuth go out). @default 1 */
  readonly natGateways?: number;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** @default RetentionDays.ONE_MONTH */
  readonly flowLogRetention?: RetentionDays;
  /**
   * ElastiCache Serverless usage limits: the minimums pre-scale the cache before a sale (it otherwise grows over
   * minutes while the rush is already on), the maximums cap what a runaway costs. @default - none
   */
  readonly usageLimits?: { readonly minEcpuPerSecond: number; readonly maxEcpuPerSecond: number; readonly minStorageGb: number; readonly maxStorageGb: number };
}

/**
 * The waiting room's Redis: ElastiCache Serverless (Valkey) in its own VPC. Functions that need Redis join the
 * VPC with `clientSecurityGroup`, the only group the cache accepts connections from.
 */
export class WaitingRoomCache extends Construct {
  readonly vpc: Vpc;
  readonly cache: CfnServerlessCache;
  readonly clientSecurityGroup: SecurityGroup;
  readonly endpoint: RedisEndpoint;

  constructor(scope: Construct, id: string, props: WaitingRoomCacheProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.vpc = new Vpc(this, 'Vpc', {
      maxAzs: props.maxAzs ?? 2,
      natGateways: props.natGateways ?? 1,
      subnetConfiguration: [
        { name: 'public', subnetType: SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
        { name: 'cache', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      gatewayEndpoints: { DynamoDb: { service: GatewayVpcEndpointAwsService.DYNAMODB } },
    });
    const flowLogs = new LogGroup(this, 'FlowLogs', {
      retention: props.flowLogRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.vpc.addFlowLog('FlowLog', { destination: FlowLogDestination.toCloudWatchLogs(flowLogs) });

    this.clientSecurityGroup = new SecurityGroup(this, 'ClientSecurityGroup', {
      vpc: this.vpc,
      description: 'Functions that talk to the waiting-room cache',
      allowAllOutbound: true,
    });
    const cacheSecurityGroup = new SecurityGroup(this, 'CacheSecurityGroup', {
      vpc: this.vpc,
      description: 'Waiting-room cache: Redis protocol from client functions only',
      allowAllOutbound: false,
    });
    // Serverless caches answer on 6379 (primary) and 6380 (reads from replicas).
    cacheSecurityGroup.addIngressRule(Peer.securityGroupId(this.clientSecurityGroup.securityGroupId), Port.tcpRange(6379, 6380), 'Redis from client functions');

    this.cache = new CfnServerlessCache(this, 'Cache', {
      engine: 'valkey',
      majorEngineVersion: '8',
      // CloudFormation requires a name; derive it from the construct path so no name is hard-coded.
      serverlessCacheName: Names.uniqueResourceName(this, { maxLength: 40, separator: '-' }).toLowerCase(),
      description: 'TicketRush waiting room (queue ZSETs, rate limits)',
      securityGroupIds: [cacheSecurityGroup.securityGroupId],
      subnetIds: this.vpc.selectSubnets({ subnetType: SubnetType.PRIVATE_ISOLATED }).subnetIds,
      snapshotRetentionLimit: 1,
      ...(props.usageLimits && {
        cacheUsageLimits: {
          ecpuPerSecond: { minimum: props.usageLimits.minEcpuPerSecond, maximum: props.usageLimits.maxEcpuPerSecond },
          dataStorage: { minimum: props.usageLimits.minStorageGb, maximum: props.usageLimits.maxStorageGb, unit: 'GB' },
        },
      }),
    });
    this.cache.applyRemovalPolicy(removalPolicy);

    this.endpoint = {
      // Serverless caches accept TLS connections only.
      url: `rediss://${this.cache.attrEndpointAddress}:${this.cache.attrEndpointPort}`,
      network: { vpc: this.vpc, clientSecurityGroup: this.clientSecurityGroup },
    };
  }
}
