import { Duration } from 'aws-cdk-lib';
import { SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, NEEDS, type Need } from '../capabilities/needs';
import { FunctionRole } from './function-role';
import { acknowledge, acknowledgeWildcardResourcesOf } from './nag-acknowledgements';
import type { NeedProviders } from './need-providers';

/** ESM bundles have no `require`; some CommonJS dependencies still call it, so the banner recreates it. */
const esmRequireBanner = "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";

/** The esbuild settings of every Lambda bundle; bench:coldstart bundles with the same ones. */
export const lambdaBundling = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: esmRequireBanner,
  externalModules: ['@aws-sdk/*'],
  // ioredis's tracing library, silent in Lambda, and its command table, packed (functions/platform/debug-off.ts,
  // functions/platform/redis-commands.ts).
  esbuildArgs: { '--alias': ['debug=./functions/platform/debug-off.ts', '@ioredis/commands=./functions/platform/redis-commands.ts'] },
  minify: true,
  sourcesContent: false,
} satisfies BundlingOptions;

export interface LambdaFunctionProps {
  /** Absolute path of the handler module. */
  readonly entry: string;
  /** Name of the exported handler in `entry`. */
  readonly exportName: string;
  /** Folder holding package.json and package-lock.json (esbuild resolves `#platform/*` imports from it). */
  readonly projectRoot: string;
  /** Resources the function's `needs` bind to. */
  readonly providers: NeedProviders;
  /** Granted and configured at construction; `redis` must be here (VPC placement cannot be added later). @default [] */
  readonly needs?: readonly Need[];
  /** From the function's declaration (lib/capabilities). @default DEFAULT_MEMORY_MB (lib/capabilities/needs.ts) */
  readonly memorySize?: number;
  /** From the function's declaration. @default DEFAULT_TIMEOUT_SECONDS (lib/capabilities/needs.ts) */
  readonly timeout?: Duration;
  /** Concurrency set aside for (and capping) this function. @default - none: the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
  /** The group the function writes its JSON logs to; one group serves every function of a stack. */
  readonly logGroup: ILogGroup;
  /** Variables every function of the stage shares (STAGE, LOG_LEVEL, …). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default - none */
  readonly description?: string;
  /** @default 'arm64' */
  readonly architecture?: LambdaArchitecture;
  /** Source maps (and `--enable-source-maps`), which cost cold-start time; the prod stage turns them off. @default true */
  readonly sourceMaps?: boolean;
}

export type LambdaArchitecture = 'arm64' | 'x86_64';

/** The CDK value for a stage's architecture name. */
export function architectureOf(name: LambdaArchitecture = 'arm64'): Architecture {
  return name === 'x86_64' ? Architecture.X86_64 : Architecture.ARM_64;
}

/**
 * One Lambda with every house default: Node.js 22 on ARM64 (x86_64 where the stage says so), ESM bundle built by the local esbuild with `@aws-sdk/*`
 * left to the runtime, source maps, X-Ray, and JSON logs into a shared group with retention (Lambda advanced
 * logging; each line carries the function name, so one group per stack replaces a group per function and keeps
 * the stack under CloudFormation's resource limit). `bind(need)` grants access to a declared need and sets its
 * environment variable in one call.
 */
export class LambdaFunction extends NodejsFunction {
  private readonly providers: NeedProviders;
  private readonly inVpc: boolean;
  private readonly bound = new Set<Need>();

  constructor(scope: Construct, id: string, props: LambdaFunctionProps) {
    const needs = props.needs ?? [];
    const redis = needs.includes('redis') ? props.providers.redis : undefined;
    const network = redis?.network;
    // A sibling, not a child: the role must exist before the function it is given to.
    const role = new FunctionRole(scope, `${id}Role`, { logGroup: props.logGroup, inVpc: network !== undefined });
    const sourceMaps = props.sourceMaps ?? true;
    super(scope, id, {
      role,
      entry: props.entry,
      handler: props.exportName,
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_22_X,
      architecture: architectureOf(props.architecture),
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout: props.timeout ?? Duration.seconds(DEFAULT_TIMEOUT_SECONDS),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      logGroup: props.logGroup,
      loggingFormat: LoggingFormat.JSON,
      description: props.description,
      awsSdkConnectionReuse: false,
      environment: { ...(sourceMaps && { NODE_OPTIONS: '--enable-source-maps' }), ...props.environment },
      ...(network && {
        vpc: network.vpc,
        vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
        securityGroups: [network.clientSecurityGroup],
      }),
      bundling: { ...lambdaBundling, sourceMap: sourceMaps },
    });
    this.providers = props.providers;
    this.inVpc = network !== undefined;
    acknowledge(this, 'L1', 'Node.js 22 is pinned on purpose (the code is tested on the local Node 20 and 22); a runtime move is a reviewed change');
    const starReasons = ['X-Ray tracing: xray:PutTraceSegments and PutTelemetryRecords accept only *'];
    if (this.inVpc) starReasons.push('Lambda manages the ENIs of VPC placement beside the cache; those EC2 actions accept only *');
    if (needs.includes('healthProbes')) starReasons.push('the health check probes SQS with sqs:ListQueues, which has no resource type and accepts only *');
    acknowledge(role, 'IAM5[Resource::*]', starReasons.join('; '));
    for (const need of needs) this.bind(need);
  }

  /**
   * Grants what `need` requires (NEEDS[need].grant) and sets its variables (NEEDS[need].env). Idempotent.
   * Secrets are bound by ARN only; the function reads their values at run time (functions/platform/secrets.ts).
   */
  bind(need: Need): void {
    if (this.bound.has(need)) return;
    for (const [name, value] of Object.entries(this.grantNeed(need))) this.addEnvironment(name, value);
    this.bound.add(need);
    this.acknowledgeGrantedWildcards(wildcardReasons[need]);
  }

  /** The grant of one need; returns its variables, which must be exactly the ones NEEDS declares. */
  private grantNeed(need: Need): Record<string, string> {
    const p = this.providers;
    const vars = (values: readonly string[]): Record<string, string> => {
      const names = NEEDS[need].env;
      if (values.length !== names.length) throw new Error(`Need '${need}' binds ${values.length} variables but declares ${names.length}`);
      return Object.fromEntries(names.map((name, i) => [name, values[i] as string]));
    };
    switch (need) {
      case 'tableRead': {
        const table = required(p.table, need);
        table.grantReadData(this);
        return vars([table.tableName]);
      }
      case 'table': {
        const table = required(p.table, need);
        table.grantReadWriteData(this);
        return vars([table.tableName]);
      }
      case 'redis': {
        const redis = required(p.redis, need);
        if (redis.network && !this.inVpc) throw new Error(`${this.node.path}: declare 'redis' in needs so the function is placed in the cache's VPC`);
        return vars([redis.url]);
      }
      case 'events': {
        const bus = required(p.eventBus, need);
        bus.grantPutEventsTo(this);
        return vars([bus.eventBusName]);
      }
      case 'joinQueue':
      case 'webhookQueue':
      case 'seatFanOutQueue': {
        const q = required(p.queues?.[need], need);
        q.queue.grantSendMessages(this);
        return vars([q.queue.queueUrl]);
      }
      case 'holdDeadlines': {
        const machine = required(p.holdDeadlines, need);
        machine.grantStartExecution(this);
        // A paid or cancelled hold stops its deadline execution.
        machine.grantExecution(this, 'states:StopExecution', 'states:DescribeExecution');
        return vars([machine.stateMachineArn]);
      }
      case 'connections': {
        if (p.connections === null) return {};
        const realtime = required(p.connections, need);
        realtime.grantManageConnections(this);
        return vars([realtime.managementEndpoint]);
      }
      case 'jwtVerify': {
        const publicKeys = required(p.jwtPublicKeys, need);
        publicKeys.grantRead(this);
        return vars([publicKeys.secretArn]);
      }
      case 'jwtKeys': {
        const [keys, publicKeys] = [required(p.jwtKeys, need), required(p.jwtPublicKeys, need)];
        keys.grantRead(this);
        publicKeys.grantRead(this);
        return vars([keys.secretArn, publicKeys.secretArn]);
      }
      case 'jwtKeyRotation': {
        const [keys, publicKeys] = [required(p.jwtKeys, need), required(p.jwtPublicKeys, need)];
        for (const secret of [keys, publicKeys]) {
          secret.grantRead(this);
          secret.grantWrite(this);
        }
        return vars([keys.secretArn, publicKeys.secretArn]);
      }
      case 'webhookSecret': {
        const secret = required(p.webhookSecret, need);
        secret.grantRead(this);
        return vars([secret.secretArn]);
      }
      case 'oauth': {
        const secret = required(p.oauth, need);
        secret.grantRead(this);
        return vars([secret.secretArn]);
      }
      case 'webhookTarget':
        // The payment sandbox posts its signed webhooks back to this API's own receiver (api.md).
        return vars([`${required(p.restApiBaseUrl, need)}/payments/webhooks`]);
      case 'healthProbes':
        this.addToRolePolicy(new PolicyStatement({ actions: ['sqs:ListQueues'], resources: ['*'] }));
        return vars([]);
      case 'admissionLoop': {
        const rule = required(p.admissionLoopRule, need);
        this.addToRolePolicy(new PolicyStatement({ actions: ['events:EnableRule', 'events:DisableRule'], resources: [rule.ruleArn] }));
        return vars([rule.ruleName]);
      }
      default: {
        const unknown: never = need;
        throw new Error(`Unknown need ${String(unknown)}`);
      }
    }
  }

  /** Acknowledges, with the need's reason, each wildcard resource its grant just added to the role's policy. */
  private acknowledgeGrantedWildcards(reason: string | undefined): void {
    if (reason) acknowledgeWildcardResourcesOf(this.role, reason);
  }
}

/** Why the wildcard in each need's grant is as narrow as it can be. */
const wildcardReasons: Partial<Record<Need, string>> = {
  table: 'grantReadWriteData on the single table includes its own indexes (GSI1, GSI2) as <table>/index/*',
  tableRead: 'grantReadData on the single table includes its own indexes (GSI1, GSI2) as <table>/index/*',
  holdDeadlines: "Stop/DescribeExecution on this state machine's executions, which are named per hold at run time",
  connections: "ManageConnections on this API's connection ids, which exist only at run time",
};

function required<T>(value: T | undefined, need: Need): T {
  if (value === undefined) throw new Error(`No resource provides the need '${need}' at this point of the app`);
  return value;
}

