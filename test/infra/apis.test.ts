import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureManifest } from '../fixtures/infra/manifest';
import { stageConfigs } from '../../lib/stage-config';
import { buildApp, fixturesDir } from './build-app';

const build = (stage: 'local' | 'dev' | 'prod') => buildApp({ stage, manifest: fixtureManifest, functionsDir: fixturesDir });
/** The REST API lives in its own nested stack. */
const buildRest = (stage: 'local' | 'dev' | 'prod') => build(stage).restTemplate!;

/** `METHOD /path` of every REST method except CORS preflights. */
function methodsOf(t: Template): string[] {
  const resources = t.findResources('AWS::ApiGateway::Resource');
  const pathOf = (ref: unknown): string => {
    const id = (ref as { Ref?: string }).Ref;
    const r = id ? resources[id] : undefined;
    return r ? `${pathOf(r.Properties.ParentId)}/${r.Properties.PathPart}` : '';
  };
  return Object.values(t.findResources('AWS::ApiGateway::Method'))
    .filter((m) => m.Properties.HttpMethod !== 'OPTIONS')
    .map((m) => `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId)}`)
    .sort();
}

describe('REST API', () => {
  let dev: Template;
  beforeAll(() => {
    dev = buildRest('dev');
  });

  it('has one Lambda proxy method per route deployed on the stage', () => {
    expect(methodsOf(dev)).toEqual(['GET /v1/auth/me', 'GET /v1/greetings', 'POST /v1/admin/concerts', 'POST /v1/lab/contention/{strategy}']);
    dev.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
    });
  });

  it('omits local-only routes outside the local stage and lab routes where the lab is off', () => {
    expect(methodsOf(buildRest('local'))).toContain('POST /v1/auth/dev/sign-in');
    const prod = methodsOf(buildRest('prod'));
    expect(prod).not.toContain('POST /v1/auth/dev/sign-in');
    expect(prod).not.toContain('POST /v1/lab/contention/{strategy}');
    expect(prod).toContain('GET /v1/greetings');
  });

  it('guards user routes with a REQUEST authorizer cached per Authorization header, admin routes with an uncached one', () => {
    const authorizers = Object.entries(dev.findResources('AWS::ApiGateway::Authorizer'));
    expect(authorizers).toHaveLength(2);
    const idOf = (ttl: number) => authorizers.find(([, a]) => a.Properties.AuthorizerResultTtlInSeconds === ttl)?.[0];
    for (const [, a] of authorizers) expect(a.Properties).toMatchObject({ Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization' });
    // Both run the same function: the one authorizer Lambda.
    expect(new Set(authorizers.map(([, a]) => JSON.stringify(a.Properties.AuthorizerUri))).size).toBe(1);
    expect(idOf(stageConfigs.dev.authorizerCacheTtlSeconds)).toBeDefined();
    expect(idOf(0)).toBeDefined();
    const methods = Object.values(dev.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties);
    const methodOf = (verb: string, part: string) => methods.find((m) => m.HttpMethod === verb && JSON.stringify(m.ResourceId).includes(part));
    expect(methodOf('GET', 'v1authme')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: idOf(60) } });
    expect(methodOf('POST', 'v1adminconcerts')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: idOf(0) } });
    expect(methodOf('GET', 'v1greetings')?.AuthorizationType).toBe('NONE');
  });

  it('rewrites gateway errors to the API error body with the request id', () => {
    const expected: [string, string, string | undefined][] = [
      ['UNAUTHORIZED', 'UNAUTHENTICATED', '401'],
      ['ACCESS_DENIED', 'FORBIDDEN', '403'],
      ['MISSING_AUTHENTICATION_TOKEN', 'NOT_FOUND', '404'],
      ['THROTTLED', 'RATE_LIMITED', '429'],
      ['DEFAULT_4XX', 'BAD_REQUEST', undefined],
      ['DEFAULT_5XX', 'INTERNAL', undefined],
    ];
    for (const [type, code, status] of expected) {
      const responses = Object.values(dev.findResources('AWS::ApiGateway::GatewayResponse', { Properties: { ResponseType: type } }));
      expect(responses, type).toHaveLength(1);
      const props = responses[0]!.Properties;
      expect(props.StatusCode).toBe(status);
      const template = props.ResponseTemplates['application/json'] as string;
      expect(template).toBe(`{"error":{"code":"${code}","message":$context.error.messageString},"requestId":"$context.requestId"}`);
    }
  });

  it('logs access as JSON, throttles the stage and answers CORS preflights', () => {
    dev.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 })],
    });
    const options = Object.values(dev.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } }));
    expect(options.length).toBeGreaterThan(0);
    expect(JSON.stringify(options[0]!.Properties.Integration)).toContain('X-Admission-Token');
  });
});

describe('WebSocket API', () => {
  let dev: Template;
  let rest: Template;
  beforeAll(() => {
    const built = build('dev');
    dev = built.appTemplate;
    rest = built.restTemplate!;
  });

  it('selects routes on the body action and has one route per declaration', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' });
    const keys = Object.values(dev.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey).sort();
    expect(keys).toEqual(['$connect', '$disconnect', 'subscribe']);
  });

  it('authorizes $connect with the same authorizer function on ?token=', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    const connect = Object.values(dev.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: '$connect' } }))[0]!;
    expect(connect.Properties.AuthorizationType).toBe('CUSTOM');
    const authorizers = Object.values(dev.findResources('AWS::ApiGatewayV2::Authorizer')).map((a) => JSON.stringify(a.Properties.AuthorizerUri));
    const restAuthorizer = Object.values(rest.findResources('AWS::ApiGateway::Authorizer'))[0]!;
    // The nested REST stack receives the function's ARN as a parameter; the parent stack says which function it is.
    const parameter = JSON.stringify(restAuthorizer.Properties.AuthorizerUri).match(/"Ref":"(referenceto\w+Arn)"/)?.[1];
    const nested = Object.values(dev.findResources('AWS::CloudFormation::Stack'))[0]!;
    const restFunction = JSON.stringify(nested.Properties.Parameters[parameter!]);
    const fnOf = (uri: string) => uri.match(/FunctionsHandlersAuthorize[A-Z0-9]+/)?.[0];
    expect(fnOf(authorizers[0]!)).toBeDefined();
    expect(fnOf(authorizers[0]!)).toBe(fnOf(restFunction));
  });

  it('deploys a stage with access logs and throttling', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'dev',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('connectionId') },
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 500 }),
    });
  });
});
