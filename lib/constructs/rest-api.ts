import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  Cors,
  EndpointType,
  IdentitySource,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  ResponseType,
  RestApi as ApiGatewayRestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { needsFreshAuth } from '../capabilities/route-auth';
import type { RestRoute } from '../capabilities/types';
import { MIN_COMPRESSION_BYTES } from '../compression';
import type { Throttle } from '../stage-config';
import type { Handlers } from './handlers';
import { acknowledge } from './nag-acknowledgements';
import { WebAcl } from './web-acl';

export interface RestApiProps {
  readonly routes: readonly RestRoute[];
  readonly handlers: Handlers;
  /** The REQUEST authorizer for `user` and `admin` routes; required when any such route is deployed. @default - none */
  readonly authorizer?: IFunction;
  /** Deploys `stage: 'local-only'` routes (the dev sign-in). @default false */
  readonly localOnlyRoutes?: boolean;
  /** Deploys `stage: 'lab'` routes (the contention lab). @default false */
  readonly labRoutes?: boolean;
  /** @default 'api' */
  readonly stageName?: string;
  /** @default { rateLimit: 500, burstLimit: 1000 } */
  readonly throttling?: Throttle;
  /** Throttles of single methods, keyed `METHOD /path`; a key naming no deployed route is ignored. @default none */
  readonly methodThrottles?: Readonly<Record<string, Throttle>>;
  /**
   * Seconds the gateway caches the authorizer's answer per `Authorization` header (one invocation per request on
   * the hot paths); the bound on a logout for routes that do not re-check the denylist themselves. @default 0
   */
  readonly authorizerCacheTtlSeconds?: number;
  /** @default ['*'] */
  readonly corsOrigins?: readonly string[];
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
  /** Attaches a regional WAF web ACL with this per-address rate (requests / 5 min) to the stage. @default - no web ACL */
  readonly webAclRatePer5Minutes?: number;
}

/** Headers the API reads besides the defaults (api.md: idempotency, admission token, device fingerprint). */
const allowHeaders = [...Cors.DEFAULT_HEADERS, 'Idempotency-Key', 'X-Admission-Token', 'X-Device-Id'];

/** API Gateway's own rejections rewritten to api.md's error body; `message` keeps the gateway's reason. */
const gatewayErrors: { type: ResponseType; statusCode?: string; code: string; retryAfterSeconds?: number }[] = [
  { type: ResponseType.UNAUTHORIZED, statusCode: '401', code: 'UNAUTHENTICATED' },
  { type: ResponseType.ACCESS_DENIED, statusCode: '403', code: 'FORBIDDEN' },
  // An unknown path is "Missing Authentication Token" (403) in API Gateway; clients should see a plain 404.
  { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, statusCode: '404', code: 'NOT_FOUND' },
  { type: ResponseType.THROTTLED, statusCode: '429', code: 'RATE_LIMITED' },
  { type: ResponseType.REQUEST_TOO_LARGE, statusCode: '413', code: 'PAYLOAD_TOO_LARGE' },
  // The authorizer throws (anything but 'Unauthorized') only when it cannot reach the logout denylist: fail-closed,
  // but honestly (docs/failure-modes.md), the same answer the local gateway gives.
  { type: ResponseType.AUTHORIZER_FAILURE, statusCode: '503', code: 'DEPENDENCY_UNAVAILABLE', retryAfterSeconds: 2 },
  { type: ResponseType.DEFAULT_4XX, code: 'BAD_REQUEST' },
  { type: ResponseType.DEFAULT_5XX, code: 'INTERNAL' },
];

/** Whether a route is deployed on a stage with these switches. */
export function isRouteDeployed(route: RestRoute, switches: { localOnlyRoutes: boolean; labRoutes: boolean }): boolean {
  if (route.stage === 'local-only') return switches.localOnlyRoutes;
  if (route.stage === 'lab') return switches.labRoutes;
  return true;
}

/** `METHOD /v1/a/{b}` → the stage's method-settings key `/v1/a/{b}/METHOD`. */
const methodSettingsKey = (routeKey: string) => {
  const [method, path] = routeKey.split(' ');
  return `${path}/${method}`;
};

/**
 * The REST API, built from the route table: one resource per path segment, one Lambda proxy integration per
 * route, the Lambda authorizer on `user`/`admin` routes (its Allow cached per Authorization header for
 * `authorizerCacheTtlSeconds`; admin routes and `freshAuth` routes — pay, cancel, refund, payment intents, logout —
 * use a second, uncached authorizer on the same function, so a logout is effective there at once),
 * gateway errors in the API's error shape, JSON access logs, stage and per-method throttling and CORS.
 */
export class RestApi extends Construct {
  readonly api: ApiGatewayRestApi;
  /** Base URL of the API's `/v1` routes, without a trailing slash. */
  readonly baseUrl: string;
  readonly deployedRoutes: readonly RestRoute[];

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttling = props.throttling ?? { rateLimit: 500, burstLimit: 1000 };
    this.deployedRoutes = props.routes.filter((r) =>
      isRouteDeployed(r, { localOnlyRoutes: props.localOnlyRoutes ?? false, labRoutes: props.labRoutes ?? false }),
    );
    const deployedKeys = new Set(this.deployedRoutes.map((r) => `${r.method} ${r.path}`));
    const methodOptions = Object.fromEntries(
      Object.entries(props.methodThrottles ?? {})
        .filter(([routeKey]) => deployedKeys.has(routeKey))
        .map(([routeKey, t]) => [methodSettingsKey(routeKey), { throttlingRateLimit: t.rateLimit, throttlingBurstLimit: t.burstLimit }]),
    );
    this.api = new ApiGatewayRestApi(this, 'Api', {
      description: 'TicketRush REST API (v1)',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      minCompressionSize: Size.bytes(MIN_COMPRESSION_BYTES),
      deployOptions: {
        stageName: props.stageName ?? 'api',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
        methodOptions,
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [...(props.corsOrigins ?? ['*'])],
        allowHeaders,
        allowMethods: Cors.ALL_METHODS,
        maxAge: Duration.hours(1),
      },
    });

    const corsHeaders = { 'Access-Control-Allow-Origin': `'${props.corsOrigins?.[0] ?? '*'}'` };
    for (const e of gatewayErrors) {
      this.api.addGatewayResponse(`${e.type.responseType}Response`, {
        type: e.type,
        statusCode: e.statusCode,
        responseHeaders: e.retryAfterSeconds ? { ...corsHeaders, 'Retry-After': `'${e.retryAfterSeconds}'` } : corsHeaders,
        templates: {
          'application/json': `{"error":{"code":"${e.code}","message":$context.error.messageString},"requestId":"$context.requestId"}`,
        },
      });
    }

    const guarded = this.deployedRoutes.filter((r) => r.auth !== 'public');
    const requestAuthorizer = (id: string, ttlSeconds: number) =>
      new RequestAuthorizer(this, id, {
        handler: requiredAuthorizer(props.authorizer),
        identitySources: [IdentitySource.header('Authorization')],
        resultsCacheTtl: Duration.seconds(ttlSeconds),
      });
    // Cached per token: the authorizer's policy allows the whole API, so one answer serves every cached route.
    const cachedAuthorizer = guarded.some((r) => !needsFreshAuth(r)) ? requestAuthorizer('Authorizer', props.authorizerCacheTtlSeconds ?? 0) : undefined;
    // Uncached: on these routes a logged-out token fails on its very next request.
    const freshAuthorizer = guarded.some(needsFreshAuth) ? requestAuthorizer('FreshAuthorizer', 0) : undefined;

    for (const route of this.deployedRoutes) {
      const fn = props.handlers.function({ handler: route.handler, needs: route.needs, timeoutSeconds: route.timeoutSeconds, memoryMb: route.memoryMb });
      const resource = this.api.root.resourceForPath(route.path);
      const method = resource.addMethod(
        route.method,
        // No test-invoke permission: the console's Test button is not worth a second Lambda permission per method.
        new LambdaIntegration(fn, { allowTestInvoke: false }),
        route.auth === 'public'
          ? { authorizationType: AuthorizationType.NONE }
          : { authorizer: needsFreshAuth(route) ? freshAuthorizer : cachedAuthorizer, authorizationType: AuthorizationType.CUSTOM },
      );
      if (route.auth === 'public') {
        acknowledge(method, 'APIG4', `${route.method} ${route.path} is public by the API contract (api.md)`);
        acknowledge(method, 'COG4', `${route.method} ${route.path} is public by the API contract (api.md)`);
      } else {
        acknowledge(method, 'COG4', 'Authorized by the Lambda authorizer verifying our own ES256 JWTs; there is no Cognito user pool');
      }
    }
    acknowledge(this.api, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]', "API Gateway's account-wide logging role; AWS documents this managed policy for it");
    acknowledge(this.api, 'APIG2', 'Each handler validates its input with zod and answers VALIDATION_FAILED naming every bad field, which a gateway validator cannot');
    if (props.webAclRatePer5Minutes !== undefined) {
      new WebAcl(this, 'WebAcl', { scope: 'REGIONAL', ratePer5Minutes: props.webAclRatePer5Minutes }).associate('Stage', this.api.deploymentStage.stageArn);
    } else {
      acknowledge(this.api, 'APIG3', 'This stage deploys no web ACL (LocalStack has no WAF); the per-user and per-address rate limits and the abuse rules (functions/domain/abuse) run in every stage');
    }
    this.baseUrl = this.api.urlForPath('/v1');
  }
}

function requiredAuthorizer(fn: IFunction | undefined): IFunction {
  if (!fn) throw new Error('RestApi: user/admin routes are deployed but no authorizer function was given');
  return fn;
}
