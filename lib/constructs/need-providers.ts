import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { QueueDefinition } from '../capabilities/types';

/** How a function reaches Redis: a URL, plus the VPC and client security group when the cache lives in one. */
export interface RedisEndpoint {
  readonly url: string;
  readonly network?: { readonly vpc: IVpc; readonly clientSecurityGroup: ISecurityGroup };
}

/** The WebSocket API as seen by a function that pushes to connections. */
export interface ConnectionsEndpoint {
  /** `https://{api}.execute-api.{region}.amazonaws.com/{stage}`. */
  readonly managementEndpoint: string;
  grantManageConnections(grantee: IGrantable): void;
}

export interface ProvidedQueue {
  readonly queue: IQueue;
  readonly urlEnv: string;
}

/** The resources behind each `Need`; filled in as the application stack creates them. */
export interface NeedProviders {
  readonly table?: ITable;
  readonly redis?: RedisEndpoint;
  readonly eventBus?: IEventBus;
  readonly queues?: Partial<Record<QueueDefinition['need'], ProvidedQueue>>;
  readonly holdDeadlines?: IStateMachine;
  /** `null`: the stage deliberately has no WebSocket API (LocalStack), so the need binds to nothing. */
  readonly connections?: ConnectionsEndpoint | null;
  readonly jwtKeys?: ISecret;
  readonly jwtPublicKeys?: ISecret;
  readonly webhookSecret?: ISecret;
  readonly oauth?: ISecret;
  /**
   * The armed schedule's rule (the admission loop), switched by the waiting room. Name and ARN are plain strings,
   * not references: the loop function switches the rule that targets it, and a Ref would be a cycle.
   */
  readonly admissionLoopRule?: { readonly ruleName: string; readonly ruleArn: string };
  /** The REST API's `/v1` base URL without a trailing slash (known once the API exists). */
  readonly restApiBaseUrl?: string;
}
