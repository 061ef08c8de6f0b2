import { CfnOutput, Fn, NestedStack, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/domain/events';
import { Alarms } from '../constructs/alarms';
import { AppSecrets } from '../constructs/app-secrets';
import { ChangeStream } from '../constructs/change-stream';
import { EventBus } from '../constructs/event-bus';
import { Handlers } from '../constructs/handlers';
import { HoldDeadlines } from '../constructs/hold-deadlines';
import type { RedisEndpoint } from '../constructs/need-providers';
import { Queues } from '../constructs/queues';
import { RealtimeApi } from '../constructs/realtime-api';
import { RestApi } from '../constructs/rest-api';
import { SaleDashboard } from '../constructs/sale-dashboard';
import { Schedules } from '../constructs/schedules';
import { WebSite } from '../constructs/web-site';
import type { StageConfig } from '../stage-config';
import type { SharedTable } from './stateful-stack';
import type { SystemManifest } from './system-manifest';

/**
 * The `/v1` base URL functions use to call this API: AWS's own URL, or on LocalStack its documented
 * `http://{apiId}.execute-api.localhost.localstack.cloud:4566/{stage}` form, which resolves to LocalStack from inside
 * its Lambda containers (the `amazonaws.com` URL would leave the machine).
 */
function invokeBaseUrl(stage: StageConfig, restApi: RestApi): string {
  if (!stage.executeApiHost) return restApi.baseUrl;
  // The REST API stage is named after the stage (RestApiProps.stageName below).
  return `http://${restApi.api.restApiId}.execute-api.${stage.executeApiHost}/${stage.name}/v1`;
}

export interface ApplicationStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly manifest: SystemManifest;
  readonly table: SharedTable;
  readonly redis: RedisEndpoint;
  /** Folder with package.json and package-lock.json. */
  readonly projectRoot: string;
  /** Folder handler refs resolve against. @default `${projectRoot}/functions` */
  readonly functionsDir?: string;
  /** The built web app, when there is one. @default - no web site */
  readonly webDir?: string;
  /** The CLOUDFRONT web ACL for the web site's distribution (EdgeStack, us-east-1). @default - none */
  readonly cloudFrontWebAclArn?: string;
}

/**
 * Everything stateless: functions, APIs, queues, bus, schedules, the deadline machine, secrets and alarms.
 * The REST API's route tree (a resource per path segment, a method, CORS preflight and Lambda permission per
 * route) lives in a nested stack, `RestApi`: it is most of the resources, and CloudFormation allows 500 per
 * stack. The functions stay here, so a route's function keeps its logical id whichever stack holds its method.
 */
export class ApplicationStack extends Stack {
  readonly handlers: Handlers;
  readonly restApi?: RestApi;
  /** The nested stack holding the REST API, when any route is deployed. */
  readonly restApiStack?: NestedStack;
  readonly realtimeApi?: RealtimeApi;
  readonly holdDeadlines?: HoldDeadlines;
  readonly queues: Queues;
  readonly events: EventBus;
  readonly changeStream?: ChangeStream;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: ApplicationStackProps) {
    super(scope, id, props);
    const { stage, manifest } = props;
    const retention = stage.logRetention;
    const table = Table.fromTableAttributes(this, 'Table', {
      tableArn: Fn.importValue(props.table.arnExportName),
      tableStreamArn: Fn.importValue(props.table.streamArnExportName),
      globalIndexes: [...props.table.indexNames],
    });

    this.handlers = new Handlers(this, 'Functions', {
      projectRoot: props.projectRoot,
      sourceDir: props.functionsDir,
      logRetention: retention,
      sourceMaps: stage.name !== 'prod',
      environment: {
        CORS_ORIGINS: stage.corsOrigins.join(','),
        STAGE: stage.name,
        LAB_ENABLED: String(stage.labEnabled),
        WS_CONNECTS_PER_SECOND: String(stage.wsConnectsPerSecond),
        ABUSE_CONFIG: JSON.stringify(stage.abuse),
        LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: 'ticketrush',
      },
      providers: { table, redis: props.redis },
      architecture: stage.lambdaArchitecture,
    });
    const secrets = new AppSecrets(this, 'Secrets', { removalPolicy: RemovalPolicy.RETAIN, logRetention: retention, architecture: stage.lambdaArchitecture });
    this.events = new EventBus(this, 'Events', { eventSource: EVENT_SOURCE, dlqRetention: stage.dlqRetention });
    this.queues = new Queues(this, 'Queues', { definitions: manifest.queues, dlqRetention: stage.dlqRetention });
    // A WebSocket stage cannot deploy without routes, so the API exists only once some capability declares one.
    this.realtimeApi = stage.webSocketApi && manifest.wsRoutes.length > 0 ? new RealtimeApi(this, 'Realtime', { stageName: stage.name, throttling: stage.throttling, logRetention: retention }) : undefined;
    this.handlers.provide({
      eventBus: this.events.bus,
      queues: this.queues.provided,
      connections: stage.webSocketApi ? this.realtimeApi : null,
      jwtKeys: secrets.jwtKeys,
      jwtPublicKeys: secrets.jwtPublicKeys,
      webhookSecret: secrets.webhookSecret,
      oauth: secrets.oauth,
    });

    // Rules before functions: the join path and the loop switch the armed schedule; its targets come last.
    const schedules = new Schedules(this, 'Schedules', { definitions: manifest.schedules });
    if (schedules.armedRule) this.handlers.provide({ admissionLoopRule: schedules.armedRule });

    if (manifest.holdDeadlines) {
      const expireFunction = this.handlers.function({
        handler: manifest.holdDeadlines.expireHandler,
        needs: manifest.holdDeadlines.needs,
        timeoutSeconds: manifest.holdDeadlines.timeoutSeconds,
        memoryMb: manifest.holdDeadlines.memoryMb,
        asynchronous: true,
      });
      this.holdDeadlines = new HoldDeadlines(this, 'HoldDeadlines', { expireFunction, logRetention: retention });
      this.handlers.provide({ holdDeadlines: this.holdDeadlines.stateMachine });
    }

    const needsAuthorizer = manifest.restRoutes.some((r) => r.auth !== 'public') || manifest.wsRoutes.some((r) => r.routeKey === '$connect');
    const authorizer = needsAuthorizer ? this.handlers.function(manifest.authorizer) : undefined;
    if (manifest.restRoutes.length > 0) {
      this.restApiStack = new NestedStack(this, 'RestApi', { description: `TicketRush ${stage.name} REST API routes` });
      this.restApi = new RestApi(this.restApiStack, 'Rest', {
        routes: manifest.restRoutes,
        handlers: this.handlers,
        authorizer,
        localOnlyRoutes: stage.localOnlyRoutes,
        labRoutes: stage.labEnabled,
        stageName: stage.name,
        throttling: stage.throttling,
        methodThrottles: stage.methodThrottles,
        authorizerCacheTtlSeconds: stage.authorizerCacheTtlSeconds,
        corsOrigins: stage.corsOrigins,
        logRetention: retention,
        webAclRatePer5Minutes: stage.wafRateLimitPer5Minutes,
      });
      const apiUrl = invokeBaseUrl(stage, this.restApi);
      new CfnOutput(this, 'ApiUrl', { value: apiUrl });
      this.handlers.provide({ restApiBaseUrl: apiUrl });
    }
    // After the REST API: a worker may need its URL (the webhook dispatcher), and none is one of its integrations,
    // so the reference runs one way only.
    this.queues.addConsumers(this.handlers);
    this.events.addRules(manifest.eventRules, this.handlers);
    this.changeStream = manifest.changeStream
      ? new ChangeStream(this, 'ChangeStream', { table, definition: manifest.changeStream, handlers: this.handlers, dlqRetention: stage.dlqRetention })
      : undefined;
    schedules.addTargets(this.handlers);
    if (this.realtimeApi && authorizer) {
      this.realtimeApi.addRoutes(manifest.wsRoutes, this.handlers, authorizer);
      new CfnOutput(this, 'WebSocketUrl', { value: this.realtimeApi.url });
    }

    if (props.webDir && stage.website) {
      const site = new WebSite(this, 'Web', {
        logRetention: retention,
        sourceDir: props.webDir,
        config: { apiUrl: this.restApi?.baseUrl ?? '', wsUrl: this.realtimeApi?.url ?? '', stage: stage.name },
        webAclArn: props.cloudFrontWebAclArn,
      });
      new CfnOutput(this, 'WebUrl', { value: site.url });
    }

    this.alarms = new Alarms(this, 'Alarms', {
      settings: stage.alarms,
      deadLetterQueues: [...this.queues.workQueues.map((w) => w.deadLetterQueue), ...this.events.deadLetterQueues, ...(this.changeStream ? [this.changeStream.deadLetterQueue] : [])],
      workQueues: this.queues.workQueues.map((w) => w.queue),
      table,
      admissionLoop: manifest.schedules.some((s) => s.handler === 'workers/admission-loop.handler'),
      abuseAuditSweep: manifest.schedules.some((s) => s.handler === 'workers/abuse-audit-flush.handler'),
      functions: this.handlers.asynchronousFunctions,
      restApi: this.restApi?.api,
      stateMachine: this.holdDeadlines?.stateMachine,
    });
    new SaleDashboard(this, 'Sale', { restApi: this.restApi?.api, stageName: stage.name });
  }
}
