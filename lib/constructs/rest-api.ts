import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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
import type { RestRoute } from '../capabilities/types';
import type { Handlers } from './handlers';
import { acknowledge } from './nag-acknowledgements';

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
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default ['*'] */
  readonly corsOrigins?: readonly string[];
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
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

/**
 * The REST API, built from the route table: one resource per path segment, one Lambda proxy integration per
 * route, the Lambda authorizer on `user`/`admin` routes (uncached, so a logout takes effect at once), gateway
 * errors in the API's error shape, JSON access logs, stage throttling and CORS.
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
    this.api = new ApiGatewayRestApi(this, 'Api', {
      description: 'TicketRush REST API (v1)',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.DESTROY,
      deployOptions: {
        stageName: props.stageName ?? 'api',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: throttling.rateLimit,
        throttlingBurstLimit: throttling.burstLimit,
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

    this.deployedRoutes = props.routes.filter((r) =>
      isRouteDeployed(r, { localOnlyRoutes: props.localOnlyRoutes ?? false, labRoutes: props.labRoutes ?? false }),
    );
    const authorizer = this.deployedRoutes.some((r) => r.auth !== 'public')
      ? new RequestAuthorizer(this, 'Authorizer', {
          handler: requiredAuthorizer(props.authorizer),
          identitySources: [IdentitySource.header('Authorization')],
          // Uncached: a logged-out token must fail on its next request, not after a cache TTL.
          resultsCacheTtl: Duration.seconds(0),
        })
      : undefined;

    for (const route of this.deployedRoutes) {
      const fn = props.handlers.function({ handler: route.handler, needs: route.needs });
      const resource = this.api.root.resourceForPath(route.path);
      const method = resource.addMethod(
        route.method,
        // No test-invoke permission: the console's Test button is not worth a second Lambda permission per method.
        new LambdaIntegration(fn, { allowTestInvoke: false }),
        route.auth === 'public' ? { authorizationType: AuthorizationType.NONE } : { authorizer, authorizationType: AuthorizationType.CUSTOM },
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
    acknowledge(this.api, 'APIG3', 'Abuse is handled by stage throttling, the waiting room and the application abuse rules; a WAF web ACL is an account-level choice made at deploy');
    this.baseUrl = this.api.urlForPath('/v1');
  }
}

function requiredAuthorizer(fn: IFunction | undefined): IFunction {
  if (!fn) throw new Error('RestApi: user/admin routes are deployed but no authorizer function was given');
  return fn;
}
