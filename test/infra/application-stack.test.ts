import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '../../functions/domain/events';
import { fixtureManifest } from '../fixtures/infra/manifest';
import { buildApp, fixturesDir } from './build-app';

let t: Template;
beforeAll(() => {
  t = buildApp({ stage: 'dev', manifest: fixtureManifest, functionsDir: fixturesDir }).appTemplate;
});

type Resource = { Properties: Record<string, unknown> & { Environment?: { Variables: Record<string, unknown> } } };

/** The function built for a handler ref (its description is the ref). */
function fn(handler: string): { id: string; props: Resource['Properties'] } {
  const found = Object.entries(t.findResources('AWS::Lambda::Function', { Properties: { Description: handler } }));
  expect(found, handler).toHaveLength(1);
  const [id, resource] = found[0]!;
  return { id, props: (resource as Resource).Properties };
}

/** Every IAM action granted to a function's role. */
function actionsOf(handler: string): string[] {
  const role = (fn(handler).props.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const policies = t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } });
  return Object.values(policies).flatMap((p) =>
    (p.Properties.PolicyDocument.Statement as { Action: string | string[] }[]).flatMap((s) => [s.Action].flat()),
  );
}

describe('functions', () => {
  it('builds one function per declared handler, plus the authorizer and the expire task', () => {
    const handlers = new Set([
      ...fixtureManifest.restRoutes.filter((r) => r.stage !== 'local-only').map((r) => r.handler),
      ...fixtureManifest.wsRoutes.map((r) => r.handler),
      ...fixtureManifest.queues.map((q) => q.consumer),
      ...fixtureManifest.eventRules.map((r) => r.target),
      ...fixtureManifest.schedules.map((s) => s.handler),
      fixtureManifest.holdDeadlines!.expireHandler,
      fixtureManifest.changeStream!.consumer,
      fixtureManifest.authorizer.handler,
    ]);
    for (const h of handlers) fn(h);
    const described = Object.values(t.findResources('AWS::Lambda::Function')).filter((r) => String(r.Properties.Description).startsWith('handlers.'));
    expect(described).toHaveLength(handlers.size);
  });

  it('runs every function on Node.js 22, ARM64, with X-Ray, source maps and a log group with retention', () => {
    const { props } = fn('handlers.greet');
    expect(props).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Handler: 'index.greet',
      LoggingConfig: { LogGroup: { Ref: expect.stringMatching(/Logs/) } },
    });
    expect(props.Environment?.Variables).toMatchObject({ NODE_OPTIONS: '--enable-source-maps', STAGE: 'dev', LAB_ENABLED: 'true' });
    const logGroupId = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(t.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBe(30);
  });

  it('binds each need as an environment variable plus the matching grant', () => {
    const expectations: [string, string, string][] = [
      ['handlers.me', 'TABLE_NAME', 'dynamodb:PutItem'],
      ['handlers.createConcert', 'EVENT_BUS_NAME', 'events:PutEvents'],
      ['handlers.createConcert', 'HOLD_DEADLINES_STATE_MACHINE_ARN', 'states:StartExecution'],
      ['handlers.createConcert', 'HOLD_DEADLINES_STATE_MACHINE_ARN', 'states:StopExecution'],
      ['handlers.reopenSeats', 'JOIN_QUEUE_URL', 'sqs:SendMessage'],
      ['handlers.admitNext', 'WEBHOOK_QUEUE_URL', 'sqs:SendMessage'],
      ['handlers.wsSubscribe', 'WS_MANAGEMENT_ENDPOINT', 'execute-api:ManageConnections'],
      ['handlers.authorize', 'JWT_PUBLIC_KEYS_SECRET_ARN', 'secretsmanager:GetSecretValue'],
      ['handlers.authorize', 'TABLE_NAME', 'dynamodb:GetItem'],
      ['handlers.me', 'OAUTH_SECRET_ARN', 'secretsmanager:GetSecretValue'],
      ['handlers.applyWebhooks', 'WEBHOOK_SECRET_ARN', 'secretsmanager:GetSecretValue'],
    ];
    for (const [handler, variable, action] of expectations) {
      expect(fn(handler).props.Environment?.Variables, handler).toHaveProperty(variable);
      expect(actionsOf(handler), handler).toContain(action);
    }
    // A function only gets what it declares.
    expect(actionsOf('handlers.greet').some((a) => a.startsWith('dynamodb:'))).toBe(false);
    expect(fn('handlers.greet').props.Environment?.Variables).not.toHaveProperty('TABLE_NAME');
  });

  it('binds secrets by ARN: the value is read at run time, never resolved into the environment', () => {
    const vars = fn('handlers.me').props.Environment!.Variables;
    expect(vars.OAUTH_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/OAuthClients/) });
    expect(vars).not.toHaveProperty('NAVER_CLIENT_SECRET');
    expect(fn('handlers.applyWebhooks').props.Environment!.Variables.WEBHOOK_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/WebhookSecret/) });
    expect(JSON.stringify(t.findResources('AWS::Lambda::Function'))).not.toContain('resolve:secretsmanager');
  });

  it('gives a tableRead function read actions on the table and no write action', () => {
    expect(actionsOf('handlers.authorize')).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
    expect(actionsOf('handlers.authorize').filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite|TransactWrite)/.test(a))).toEqual([]);
  });

  it('places Redis users in the cache VPC with the client security group and a TLS URL', () => {
    const { props } = fn('handlers.wsSubscribe');
    expect(props.VpcConfig).toMatchObject({ SecurityGroupIds: [expect.anything()], SubnetIds: expect.any(Array) });
    expect(JSON.stringify(props.Environment!.Variables.REDIS_URL)).toContain('rediss://');
    expect(fn('handlers.me').props.VpcConfig).toBeUndefined();
  });
});

describe('queues', () => {
  it('encrypts every queue and redrives to a DLQ after maxReceiveCount', () => {
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 60,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 3, deadLetterTargetArn: Match.anyValue() } });
    for (const q of Object.values(t.findResources('AWS::SQS::Queue'))) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
  });

  it('refuses plain-HTTP access to every queue', () => {
    const policies = Object.values(t.findResources('AWS::SQS::QueuePolicy'));
    expect(policies.length).toBe(Object.keys(t.findResources('AWS::SQS::Queue')).length);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('feeds consumers in batches with partial batch responses', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn('handlers.drainJoins').id },
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn('handlers.applyWebhooks').id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // The consumer finishes well inside the visibility timeout, so a slow batch is not delivered twice.
    expect(fn('handlers.drainJoins').props.Timeout).toBe(10);
  });
});

describe('events and schedules', () => {
  it('matches domain events by source and detail-type and keeps undeliverable ones in a DLQ', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: { source: [EVENT_SOURCE], 'detail-type': ['SeatsReleased', 'ReservationExpired'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [fn('handlers.reopenSeats').id, 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
  });

  it('fires each schedule every minute', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn('handlers.admitNext').id, 'Arn'] } })],
    });
  });
});

describe('secrets and alarms', () => {
  it('keeps the JWT key set (private and public halves), webhook secret and OAuth clients in Secrets Manager, generating the key set on create', () => {
    t.resourceCountIs('AWS::SecretsManager::Secret', 4);
    t.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: Match.objectLike({ PasswordLength: 48 }) });
    t.resourceCountIs('AWS::CloudFormation::CustomResource', 1);
  });

  it('alarms on DLQ depth, each asynchronous worker’s errors, API 5XX and failed deadline executions', () => {
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    const metrics = alarms.map((a) => `${a.Namespace}/${a.MetricName}`);
    // Two work queues' DLQs, the rule's DLQ and the change stream's on-failure queue.
    expect(metrics.filter((m) => m === 'AWS/SQS/ApproximateNumberOfMessagesVisible')).toHaveLength(4);
    expect(metrics).toContain('AWS/ApiGateway/5XXError');
    expect(metrics).toContain('AWS/States/ExecutionsFailed');
    // Queue consumers, rule targets, schedules and the deadline task: no caller sees their errors. Functions behind
    // an API answer 5XX, which the API alarm covers.
    const workers = ['handlers.drainJoins', 'handlers.applyWebhooks', 'handlers.reopenSeats', 'handlers.admitNext', 'handlers.expireReservation', 'handlers.announceChanges'];
    const alarmed = alarms.filter((a) => a.MetricName === 'Errors').map((a) => (a.Dimensions as { Value: { Ref: string } }[])[0]!.Value.Ref);
    expect(alarmed.sort()).toEqual(workers.map((h) => fn(h).id).sort());
    // Any one of these is an alarm (thresholded ones are checked in operations.test.ts).
    const anyOne = alarms.filter((a) => ['ApproximateNumberOfMessagesVisible', '5XXError', 'ExecutionsFailed', 'Errors'].includes(a.MetricName as string));
    expect(anyOne.length).toBe(4 + 2 + workers.length);
    for (const a of anyOne) expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
  });
});

describe('domain events from the change stream', () => {
  it('reads the table stream with a filtered, bisecting event source that reports partial failures to a queue', () => {
    const consumer = fn('handlers.announceChanges');
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: consumer.id },
      EventSourceArn: { 'Fn::ImportValue': 'Stateful-TableStreamArn' },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: ['RESERVATION', 'AbuseAudit'] } } } }) }],
      },
    });
    expect(actionsOf('handlers.announceChanges')).toEqual(expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'events:PutEvents']));
    // Reading the stream grants no table access.
    expect(actionsOf('handlers.announceChanges')).not.toContain('dynamodb:PutItem');
  });
});
