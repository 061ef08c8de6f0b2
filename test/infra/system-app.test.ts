import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { stageNames, type StageName } from '../../lib/stage-config';
import { buildApp, createApp } from './build-app';

/**
 * CloudFormation refuses a stack of more than 500 resources. The budget leaves room for the next capabilities, so
 * a capability that would break deploys fails here first, naming the stack.
 */
const resourceBudget = 400;

type Properties = Record<string, unknown> & { Environment?: { Variables: Record<string, unknown> } };

/** Every stack of the app, nested ones included, with its resource count. */
function resourceCounts(stage: StageName): Record<string, number> {
  const { app } = createApp({ stage, manifest: systemManifest });
  const stacks = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
  return Object.fromEntries(stacks.map((s) => [s.node.path, Object.keys(Template.fromStack(s).toJSON().Resources ?? {}).length]));
}

describe('resource budget of the real app', () => {
  for (const stage of stageNames) {
    it(`keeps every stack under ${resourceBudget} resources (${stage})`, () => {
      const counts = resourceCounts(stage);
      console.log(`${stage}: ${JSON.stringify(counts)}`);
      expect(Object.keys(counts)).toContain('App/RestApi');
      for (const [stack, count] of Object.entries(counts)) expect(count, stack).toBeLessThan(resourceBudget);
    });
  }
});

describe('wiring of the real app (dev)', () => {
  const { appTemplate: t, restTemplate } = buildApp({ stage: 'dev', manifest: systemManifest });

  const fn = (handler: string): { id: string; props: Properties } => {
    const found = Object.entries(t.findResources('AWS::Lambda::Function', { Properties: { Description: handler } }));
    expect(found, handler).toHaveLength(1);
    return { id: found[0]![0], props: found[0]![1].Properties as Properties };
  };
  const actionsOf = (handler: string): string[] => {
    const role = (fn(handler).props.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const policies = t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
    return Object.values(policies).flatMap((p) =>
      (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()),
    );
  };

  it('points the webhook dispatcher at the REST API’s own webhook receiver', () => {
    const url = JSON.stringify(fn('workers/webhook-dispatcher.handler').props.Environment!.Variables.WEBHOOK_TARGET_URL);
    expect(url).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",/);
    expect(url).toMatch(/Outputs\.AppRestApiRestApi\w+Ref/);
    expect(url).toMatch(/"\/v1\/payments\/webhooks"\]\]\}$/);
  });

  it('lets the health check list queues and describe the table', () => {
    const actions = actionsOf('http/health.health');
    expect(actions).toContain('sqs:ListQueues');
    expect(actions).toContain('dynamodb:DescribeTable');
    expect(actionsOf('http/catalog.listConcerts')).not.toContain('sqs:ListQueues');
  });

  it('places the hold route in the cache VPC with the Redis URL', () => {
    const { props } = fn('http/reservations.holdSeats');
    expect(props.VpcConfig).toMatchObject({ SecurityGroupIds: [expect.anything()], SubnetIds: expect.any(Array) });
    expect(JSON.stringify(props.Environment!.Variables.REDIS_URL)).toContain('rediss://');
    expect(props.Environment!.Variables).toHaveProperty('HOLD_DEADLINES_STATE_MACHINE_ARN');
  });

  it('gives the authorizer the public JWT keys only and a read of the table (logout denylist)', () => {
    const vars = fn('http/authorizer.handler').props.Environment!.Variables;
    expect(vars).toHaveProperty('JWT_PUBLIC_KEYS_SECRET_ARN');
    expect(vars).not.toHaveProperty('JWT_KEYS_SECRET_ARN');
    expect(vars).toHaveProperty('TABLE_NAME');
    expect(actionsOf('http/authorizer.handler')).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue', 'dynamodb:GetItem']));
  });

  it('sweeps overdue holds every minute', () => {
    const sweep = fn('workers/expire-reservation.sweep');
    const rules = Object.values(t.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(1 minute)' } }));
    const targets = rules.flatMap((r) => (r.Properties.Targets as { Arn: unknown }[]).map((x) => JSON.stringify(x.Arn)));
    expect(targets).toContain(JSON.stringify({ 'Fn::GetAtt': [sweep.id, 'Arn'] }));
  });

  it('runs the admission loop for up to a minute, sized for it, without reserved concurrency', () => {
    const { props } = fn('workers/admission-loop.handler');
    expect(props).toMatchObject({ Timeout: 60, MemorySize: 1024 });
    expect(props.ReservedConcurrentExecutions).toBeUndefined();
  });
  it('gives the seat-push workers reserved concurrency, so a rush of seat events cannot starve the hold path', () => {
    for (const worker of ['workers/seats-released.handler', 'workers/seats-released.seatsTaken', 'workers/reservation-status.handler']) {
      expect(fn(worker).props.ReservedConcurrentExecutions, worker).toBe(20);
    }
    expect(fn('http/reservations.holdSeats').props.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('fans a big show out in parallel parts, at most 20 consumers at once, sent only by the seat-push workers', () => {
    const consumer = fn('workers/seat-fan-out.handler');
    const mappings = Object.values(t.findResources('AWS::Lambda::EventSourceMapping')).filter((m) => JSON.stringify(m.Properties.FunctionName).includes(consumer.id));
    expect(mappings.map((m) => [m.Properties.BatchSize, m.Properties.ScalingConfig])).toEqual([[1, { MaximumConcurrency: 20 }]]);
    for (const worker of ['workers/seats-released.handler', 'workers/seats-released.seatsTaken']) expect(actionsOf(worker), worker).toContain('sqs:SendMessage');
    expect(actionsOf('workers/reservation-status.handler')).not.toContain('sqs:SendMessage');
  });

  it('lets API Gateway gzip REST responses of 1 KiB or more (availability, seat pages)', () => {
    restTemplate!.hasResourceProperties('AWS::ApiGateway::RestApi', { MinimumCompressionSize: 1024 });
  });
});
