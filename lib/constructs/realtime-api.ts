import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { WsRoute } from '../capabilities/types';
import type { Handlers } from './handlers';
import { acknowledge } from './nag-acknowledgements';
import type { ConnectionsEndpoint } from './need-providers';

export interface RealtimeApiProps {
  /** @default 'ws' */
  readonly stageName?: string;
  /** @default { rateLimit: 500, burstLimit: 1000 } */
  readonly throttling?: { readonly rateLimit: number; readonly burstLimit: number };
  /** @default RetentionDays.ONE_MONTH */
  readonly logRetention?: RetentionDays;
}

/**
 * The WebSocket API (route selection on `$request.body.action`) and its stage. Made before the functions, so
 * that functions pushing to connections can be bound to its management endpoint; routes come later.
 */
export class RealtimeApi extends Construct implements ConnectionsEndpoint {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;
  /** `wss://…/<stage>` for clients. */
  readonly url: string;
  /** `https://…/<stage>` for `@connections` posts. */
  readonly managementEndpoint: string;

  constructor(scope: Construct, id: string, props: RealtimeApiProps = {}) {
    super(scope, id);
    this.api = new WebSocketApi(this, 'Api', { routeSelectionExpression: '$request.body.action' });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const throttling = props.throttling ?? { rateLimit: 500, burstLimit: 1000 };
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: props.stageName ?? 'ws',
      autoDeploy: true,
      throttle: throttling,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            connectionId: '$context.connectionId',
            routeKey: '$context.routeKey',
            eventType: '$context.eventType',
            status: '$context.status',
            error: '$context.error.message',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.url = this.stage.url;
    this.managementEndpoint = this.stage.callbackUrl;
  }

  /** Adds one integration per route; `$connect` runs `authorizer` on the `?token=` query parameter. */
  addRoutes(routes: readonly WsRoute[], handlers: Handlers, authorizer: IFunction): void {
    for (const route of routes) {
      const fn = handlers.function({ handler: route.handler, needs: route.needs, timeoutSeconds: route.timeoutSeconds, memoryMb: route.memoryMb });
      const integrationId = `${route.routeKey.replace(/[^A-Za-z0-9]/g, '') || 'Route'}Integration`;
      const added = this.api.addRoute(route.routeKey, {
        integration: new WebSocketLambdaIntegration(integrationId, fn),
        ...(route.routeKey === '$connect' && {
          authorizer: new WebSocketLambdaAuthorizer('ConnectAuthorizer', authorizer, {
            identitySource: ['route.request.querystring.token'],
          }),
        }),
      });
      if (route.routeKey !== '$connect') {
        acknowledge(added, 'APIG4', 'WebSocket authorizers run only on $connect; every later message arrives on a connection authorized there');
      }
    }
  }

  /**
   * `execute-api:ManageConnections` on this stage's `@connections` only, for POST (push) and DELETE (drop a
   * connection); CDK's own grant would cover every stage and method of the API.
   */
  grantManageConnections(grantee: IGrantable): void {
    const connectionsOf = (method: 'POST' | 'DELETE') =>
      Stack.of(this).formatArn({ service: 'execute-api', resource: this.api.apiId, resourceName: `${this.stage.stageName}/${method}/@connections/*` });
    Grant.addToPrincipal({ grantee, actions: ['execute-api:ManageConnections'], resourceArns: [connectionsOf('POST'), connectionsOf('DELETE')] });
  }
}
