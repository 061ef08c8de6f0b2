import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ChangeStreamDefinition, EventRuleDefinition, HandlerRef, QueueDefinition, RestRoute, ScheduleDefinition, WsRoute } from '../lib/capabilities/types';
import { authorizerHandler, restRoutes, wsRoutes } from '../lib/routes';
import { functionSpecsOf, systemManifest } from '../lib/stacks/system-manifest';
import { stageConfigs } from '../lib/stage-config';
import { changeStreamDefinition, eventRuleDefinitions, queueDefinitions, scheduleDefinitions } from '../lib/definitions';
import { resetClients } from '../functions/platform/clients';
import { resetConfigCache } from '../functions/platform/config';
import { Background } from './background';
import { createQueues, createTable } from './bootstrap';
import { localEnvironment } from './environment';
import { changeStreamReader, pollChangeStream } from './events/change-stream';
import { useFunctionHost, useFunctionSpecs } from './invoke';
import { startReservedFunctions, type ReservedFunctions } from './reserved-functions';
import { RuleStates } from './events/rule-states';
import { runSchedule } from './events/schedules';
import { pollQueue } from './events/sqs-pollers';
import { ConnectionHub } from './gateway/connection-hub';
import { sendJson } from './gateway/http-io';
import { restGateway } from './gateway/rest';
import { closeServer, startGatewayServer } from './gateway/server';
import { startStandIns } from './gateway/stand-ins';
import { staticFiles } from './gateway/static-files';
import { webContentSecurityPolicy } from '../lib/web-security-headers';
import { webDist } from './web-build';
import { webSocketGateway } from './gateway/websocket';
import { localLog } from './log';
import { seedDemoData } from './seed/index';
import { localSecrets, startLocalIdentityProviders } from './secrets';
import { startDynamoDb } from './services/dynamodb';
import { startRedis } from './services/redis';
import { startSqs } from './services/sqs';
import { freePort } from './services/ports';
import { supervise, type SupervisedService } from './services/supervisor';
import type { RunningService } from './services/types';
import { StepFunctionsRunner } from './step-functions/executions';
import type { LocalStateMachine } from './step-functions/from-construct';
import { synthesizeDeclaredHoldDeadlines } from './step-functions/hold-deadlines';

export interface LocalCloudOptions {
  /** Loopback port for the gateway; 0 picks a free one. */
  port?: number;
  /** `true` seeds the demo data; a function seeds whatever it likes (tests). */
  seed?: boolean | (() => Promise<void>);
  /** Where DynamoDB Local keeps its files; in memory when absent. */
  dataDir?: string;
  /** Overrides of the declared routes, queues, rules and schedules, for tests with fixture handlers. */
  routes?: RestRoute[];
  wsRoutes?: WsRoute[];
  authorizer?: HandlerRef;
  /** The REST authorizer cache TTL; defaults to the local stage's (lib/stage-config.ts). */
  authorizerCacheTtlSeconds?: number;
  queues?: QueueDefinition[];
  eventRules?: EventRuleDefinition[];
  schedules?: ScheduleDefinition[];
  /** The table's change-stream consumer; defaults to the declared one, `null` runs none. */
  changeStream?: ChangeStreamDefinition | null;
  /**
   * State machines to register; `arnEnv` receives the ARN. Defaults to the declared hold-deadline machine (CDK
   * synthesis, ~4 s of CPU, overlapped with the services' start) with HOLD_DEADLINES_STATE_MACHINE_ARN; `[]` skips it.
   */
  stateMachines?: Array<{ machine: LocalStateMachine; arnEnv?: string }>;
  /** Extra environment for the handlers (wins over the generated values). */
  env?: Record<string, string>;
  /** Folder served at `/`; defaults to the web app's build (web/dist, see web-build.ts). */
  webDir?: string;
  /** The origin browsers use (behind a proxy or port mapping); `/config.json` builds its URLs from it. */
  publicOrigin?: string;
}

export interface LocalCloud {
  /** `http://127.0.0.1:PORT` — REST lives under `${url}/v1`. */
  url: string;
  /** `ws://127.0.0.1:PORT/ws`. */
  wsUrl: string;
  /** What was put into process.env for the in-process handlers. */
  env: Record<string, string>;
  /** Pids of the current DynamoDB Local and redis-server children (they change when the supervisor restarts one). */
  pids(): { dynamodb: number | undefined; redis: number | undefined };
  /** The loopback origin of the AWS stand-in endpoints (SFN, EventBridge, @connections), secret path included. */
  internalUrl: string;
  /** Registers a state machine after start; returns its ARN. */
  registerStateMachine(machine: LocalStateMachine): string;
  /** @connections POSTs delivered to a socket so far. */
  connectionPosts(): number;
  stop(): Promise<void>;
}

const TABLE_NAME = 'ticketrush-local';

/**
 * Starts the whole local cloud: DynamoDB Local, redis-server and the SQS emulator as real processes/servers, the
 * table and queues from the CDK definitions, and one loopback HTTP server carrying the REST and WebSocket
 * gateways, the @connections API, Step Functions and EventBridge endpoints, config.json and the web app.
 * Handlers run in this process with `process.env` set as CDK sets it in AWS; those with reserved concurrency (the push
 * workers) in a thread of their own (./reserved-functions.ts).
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const cleanups: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e) => localLog.error('stop step failed', e));
    cleanups.length = 0;
  };

  try {
    // Services, identity providers and the state machines' synthesis (a child process) start together; everything
    // settles (and registers its cleanup) before a failure is thrown.
    const [services, identity, machines] = await allStarted([
      startServices(options.dataDir, cleanups),
      startLocalIdentityProviders().then((providers) => {
        cleanups.push(() => providers.stop());
        return providers;
      }),
      options.stateMachines ? Promise.resolve(options.stateMachines) : declaredStateMachines(),
    ] as const);
    const [dynamodb, redis, sqs] = services;
    // Runs after the gateway has closed and before the services stop (cleanups run in reverse).
    cleanups.push(async () => releaseHandlerClients());
    const queueDefs = options.queues ?? queueDefinitions;
    const [queues] = await Promise.all([createQueues(sqs.endpoint, TABLE_NAME, queueDefs), createTable(dynamodb.endpoint, TABLE_NAME)]);

    const background = new Background();
    const scheduleDefs = options.schedules ?? scheduleDefinitions;
    const ruleStates = new RuleStates(scheduleDefs);
    const hub = new ConnectionHub();
    const runner = new StepFunctionsRunner();
    const authorizer = options.authorizer ?? authorizerHandler;
    // Each invocation sees only its function's declared needs and is cut off at its declared timeout.
    const specs = functionSpecsOf({
      restRoutes: options.routes ?? restRoutes,
      wsRoutes: options.wsRoutes ?? wsRoutes,
      queues: queueDefs,
      eventRules: options.eventRules ?? eventRuleDefinitions,
      schedules: scheduleDefs,
      holdDeadlines: systemManifest.holdDeadlines,
      changeStream: (options.changeStream === undefined ? changeStreamDefinition : options.changeStream) ?? undefined,
      authorizer: authorizer === systemManifest.authorizer.handler ? systemManifest.authorizer : undefined,
    });
    useFunctionSpecs(specs);
    // Stopped after the gateway drained its background work (cleanups run in reverse), which may be waiting on it.
    const reserved: { functions?: ReservedFunctions } = {};
    cleanups.push(async () => {
      useFunctionHost(undefined);
      await reserved.functions?.stop();
    });
    const ws = webSocketGateway({ routes: options.wsRoutes ?? wsRoutes, authorizer, hub });
    const webDir = options.webDir ?? webDist;
    let publicConfig: ReturnType<typeof publicConfigOf> = { apiUrl: '', wsUrl: '', stage: 'local' };
    const serveWeb = existsSync(webDir) ? staticFiles(webDir, () => webSecurityHeaders(publicConfig)) : undefined;

    const standIns = await startStandIns({ runner, hub, eventRules: options.eventRules ?? eventRuleDefinitions, background, ruleStates });
    const { server, port } = await startGatewayServer(options.port ?? 0, {
      routes: [
        { prefix: '/v1', handle: restGateway({ routes: options.routes ?? restRoutes, authorizer, authorizerCacheTtlSeconds: options.authorizerCacheTtlSeconds ?? stageConfigs.local.authorizerCacheTtlSeconds }) },
        { prefix: '/config.json', handle: (req, res) => servePublicConfig(req, res, publicConfig) },
      ],
      fallback: (req, res, url) => (serveWeb ? serveWeb(req, res, url) : sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } })),
      upgrade: { path: '/ws', handle: ws.upgrade },
    });
    cleanups.push(async () => {
      runner.stopAll();
      await ws.close();
      await closeServer(server);
      await standIns.close();
      await background.drain();
    });

    const url = `http://127.0.0.1:${port}`;
    const wsUrl = `ws://127.0.0.1:${port}/ws`;
    publicConfig = publicConfigOf(options.publicOrigin ?? url);

    const stateMachineEnv: Record<string, string> = {};
    for (const { machine, arnEnv } of machines) {
      const arn = runner.register(machine);
      if (arnEnv) stateMachineEnv[arnEnv] = arn;
    }
    const env = localEnvironment(
      {
        dynamodb: dynamodb.endpoint,
        redis: redis.endpoint,
        sqs: sqs.endpoint,
        queues,
        tableName: TABLE_NAME,
        gateway: url,
        connections: standIns.connectionsUrl,
        stepFunctions: `${standIns.baseUrl}/local/sfn`,
        eventBridge: `${standIns.baseUrl}/local/events`,
      },
      { ...(await localSecrets()), ...identity.env, ...stateMachineEnv, ...RuleStates.armedRuleEnv(scheduleDefs), ...options.env },
    );
    // Handlers in this process read their config and build their clients from this environment, afresh.
    releaseHandlerClients();
    Object.assign(process.env, env);
    reserved.functions = await startReservedFunctions(specs);
    useFunctionHost(reserved.functions);

    const sqsClient = new SQSClient({ endpoint: sqs.endpoint, region: env.AWS_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const pollers = queueDefs.map((definition) => {
      const queue = queues.find((q) => q.id === definition.id);
      if (!queue) throw new Error(`Queue ${definition.id} was not created`);
      return pollQueue(sqsClient, definition, queue);
    });
    const schedules = scheduleDefs.map((definition) => runSchedule(definition, () => ruleStates.isEnabled(definition.id)));
    const streamDef = options.changeStream === undefined ? changeStreamDefinition : options.changeStream;
    const streamPollers: Array<{ stop(): Promise<void> }> = [];
    if (streamDef) {
      // Placed at the stream's end before anything else is written, so every later write is announced exactly once.
      const reader = changeStreamReader(dynamodb.endpoint, TABLE_NAME);
      await reader.read();
      streamPollers.push(pollChangeStream(reader, streamDef));
    }
    cleanups.push(async () => {
      await Promise.all([...pollers, ...schedules, ...streamPollers].map((p) => p.stop()));
      sqsClient.destroy();
    });

    if (options.seed === true) await seedDemoData();
    else if (typeof options.seed === 'function') await options.seed();

    return {
      url,
      wsUrl,
      env,
      internalUrl: standIns.baseUrl,
      pids: () => ({ dynamodb: dynamodb.pid(), redis: redis.pid() }),
      registerStateMachine: (machine) => runner.register(machine),
      connectionPosts: () => hub.messagesDelivered,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** What CloudFront's response-headers policy adds in AWS (lib/constructs/web-site.ts), for the local web app. */
function webSecurityHeaders(config: { apiUrl: string; wsUrl: string }): Record<string, string> {
  return {
    'content-security-policy': webContentSecurityPolicy(config),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };
}

function releaseHandlerClients(): void {
  resetClients();
  resetConfigCache();
}

/** Like Promise.all, but waits for every promise to settle before rethrowing the first failure. */
async function allStarted<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** The hold-deadline machine the capabilities declare (none when no capability declares one), synthesized apart. */
async function declaredStateMachines(): Promise<Array<{ machine: LocalStateMachine; arnEnv?: string }>> {
  if (!systemManifest.holdDeadlines) return [];
  return [{ machine: await synthesizeDeclaredHoldDeadlines(), arnEnv: 'HOLD_DEADLINES_STATE_MACHINE_ARN' }];
}

/**
 * Starts the three backing services in parallel; each is registered for cleanup as soon as it is up. DynamoDB Local
 * and redis-server are supervised: a dead one is restarted on its port (an in-memory DynamoDB Local gets its table
 * back, empty).
 */
async function startServices(
  dataDir: string | undefined,
  cleanups: Array<() => Promise<void>>,
): Promise<readonly [SupervisedService, SupervisedService, RunningService]> {
  const register = <S extends RunningService>(service: S) => {
    cleanups.push(() => service.stop());
    return service;
  };
  const [dynamoPort, redisPort] = await Promise.all([freePort(), freePort()]);
  const dataKept = dataDir !== undefined;
  return allStarted([
    supervise(() => startDynamoDb({ port: dynamoPort, dataDir }), {
      dataKept,
      afterRestart: dataKept ? undefined : () => createTable(`http://127.0.0.1:${dynamoPort}`, TABLE_NAME),
    }).then(register),
    supervise(() => startRedis({ port: redisPort, dataDir }), { dataKept }).then(register),
    startSqs().then(register),
  ] as const);
}

/** `/config.json`: GET and HEAD only, URLs from the configured origin (never from the request's Host header). */
function servePublicConfig(req: IncomingMessage, res: ServerResponse, config: unknown): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'config.json is read-only' } });
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end();
    return;
  }
  sendJson(res, 200, config);
}

function publicConfigOf(origin: string) {
  const { protocol, host } = new URL(origin);
  return { apiUrl: `${protocol}//${host}/v1`, wsUrl: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/ws`, stage: 'local' };
}
