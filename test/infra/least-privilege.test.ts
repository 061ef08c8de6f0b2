import { describe, expect, it } from 'vitest';
import { NEEDS, type Need } from '../../lib/capabilities/needs';
import { functionSpecsOf, systemManifest } from '../../lib/stacks/system-manifest';
import { buildApp, fixturesDir } from './build-app';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

const actionsOf = (s: Statement) => [s.Action].flat();

/**
 * CDK's own CfnResource-level provider singletons, which have no role or log group hook: the one behind the web
 * bucket's autoDeleteObjects (runs only when the stack is deleted) and the reader of the us-east-1 edge stack's web
 * ACL ARN (crossRegionReferences; runs only on deploy). The only roles left on the managed basic policy.
 */
const cdkProviderSingletons = /^Custom(S3AutoDeleteObjects|CrossRegionExportReader)CustomResourceProvider/;

describe('least privilege beyond table grants (dev, real manifest)', () => {
  const { appTemplate } = buildApp({ stage: 'dev', manifest: systemManifest, webDir: `${fixturesDir}/web` });
  const resources = appTemplate.toJSON().Resources as Resources;
  const statements = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const lambdaRoles = Object.entries(resources).filter(
    ([id, r]) => r.Type === 'AWS::IAM::Role' && JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('lambda.amazonaws.com') && !cdkProviderSingletons.test(id),
  );

  it('gives no Lambda role the managed basic/VPC execution policies (log writes to any group of the account)', () => {
    expect(lambdaRoles.length).toBeGreaterThan(10);
    for (const [id, role] of lambdaRoles) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? []), id).not.toMatch(/AWSLambda(Basic|VPCAccess)ExecutionRole/);
    }
  });

  it('lets every function write logs only to the log group it is configured with', () => {
    const functions = Object.entries(resources).filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !cdkProviderSingletons.test(id));
    expect(functions.length).toBeGreaterThan(10);
    const policiesOfRole = (roleId: string) =>
      Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]));
    for (const [id, fn] of functions) {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const logGroup = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } } | undefined)?.LogGroup.Ref;
      expect(logGroup, `${id} has its own configured log group`).toBeDefined();
      const logStatements = policiesOfRole(roleId)
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
        .filter((s) => actionsOf(s).some((a) => a.startsWith('logs:')));
      expect(logStatements, id).toHaveLength(1);
      expect(actionsOf(logStatements[0]!).sort(), id).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(logStatements[0]!.Resource, id).toEqual({ 'Fn::GetAtt': [logGroup, 'Arn'] });
    }
  });

  it('narrows execute-api:ManageConnections to the stage and to POST and DELETE on @connections', () => {
    const manage = statements.filter((s) => actionsOf(s).includes('execute-api:ManageConnections'));
    expect(manage.length).toBeGreaterThan(0);
    for (const s of manage) {
      const rendered = [s.Resource].flat().map((r) => JSON.stringify(r));
      expect(rendered).toHaveLength(2);
      expect(rendered[0]).toMatch(/\/dev\/POST\/@connections\/\*"\]\]\}$/);
      expect(rendered[1]).toMatch(/\/dev\/DELETE\/@connections\/\*"\]\]\}$/);
    }
  });

  it('lets the web deployment invalidate only its own CloudFront distribution', () => {
    const invalidation = statements.filter((s) => actionsOf(s).includes('cloudfront:CreateInvalidation'));
    expect(invalidation).toHaveLength(1);
    const [distributionId] = Object.entries(resources).find(([, r]) => r.Type === 'AWS::CloudFront::Distribution')!;
    const resource = JSON.stringify(invalidation[0]!.Resource);
    expect(resource).not.toBe('"*"');
    expect(resource).toContain(':distribution/');
    expect(resource).toContain(`{"Ref":"${distributionId}"}`);
  });
});

describe('needs with least privilege (dev, real manifest)', () => {
  const { appTemplate } = buildApp({ stage: 'dev', manifest: systemManifest, webDir: `${fixturesDir}/web` });
  const resources = appTemplate.toJSON().Resources as Resources;
  const specs = functionSpecsOf(systemManifest);
  /** Each application function (its Description is its handler ref) with the statements of its role's policies. */
  const functions = Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && specs.has(String(r.Properties.Description) as never))
    .map(([id, fn]) => {
      const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
      const handler = String(fn.Properties.Description);
      return { id, handler, needs: specs.get(handler as never)!.needs, statements, env: ((fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) };
    });
  const has = (needs: readonly Need[], ...wanted: Need[]) => wanted.some((n) => needs.includes(n));
  const tableWrites = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems|PartiQL(Insert|Update|Delete)|\*)$/;

  it('deploys every declared function (the local-only dev sign-in stays local)', () => {
    const deployed = new Set(functions.map((f) => f.handler));
    expect([...specs.keys()].filter((h) => !deployed.has(h))).toEqual(['http/auth.devSignIn']);
  });

  it('gives read-only functions (the authorizer, public GETs, pure readers) no DynamoDB write action', () => {
    const readOnly = functions.filter((f) => has(f.needs, 'tableRead') && !has(f.needs, 'table'));
    expect(readOnly.map((f) => f.handler)).toEqual(expect.arrayContaining(['http/authorizer.handler', 'http/catalog.listConcerts', 'http/reservation-reads.getReservation', 'ws/subscribe.handler']));
    for (const f of readOnly) {
      const actions = f.statements.flatMap(actionsOf);
      expect(actions, f.handler).toContain('dynamodb:GetItem');
      expect(actions.filter((a) => tableWrites.test(a)), f.handler).toEqual([]);
    }
    // The grant really differs: a writer of the table has the write actions.
    expect(functions.find((f) => f.handler === 'http/reservations.holdSeats')!.statements.flatMap(actionsOf)).toContain('dynamodb:UpdateItem');
  });

  it('puts no secret value in any Lambda environment: secrets travel as *_ARN only', () => {
    const localValues = new Set<string>(Object.values(NEEDS).flatMap((d) => ('localValueEnv' in d ? [...d.localValueEnv] : [])));
    const lambdas = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(lambdas.length).toBeGreaterThan(30);
    for (const [id, fn] of lambdas) {
      const vars = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      expect(JSON.stringify(vars), id).not.toMatch(/resolve:secretsmanager|SecretString/);
      for (const name of Object.keys(vars)) expect(localValues.has(name) || /SECRET(?!_ARN$)|PASSWORD|PRIVATE/.test(name), `${id}: ${name}`).toBe(false);
    }
    const webhook = functions.find((f) => f.handler === 'http/payments.receiveWebhook')!;
    expect(webhook.env.WEBHOOK_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/WebhookSecret/) });
  });

  it('lets verify-only functions read the public JWT keys but not the private signing key', () => {
    const secretId = (description: RegExp) => Object.entries(resources).find(([, r]) => r.Type === 'AWS::SecretsManager::Secret' && description.test(String(r.Properties.Description)))![0];
    const privateKeys = secretId(/signing key set/);
    const publicKeys = secretId(/verification keys/);
    const reads = (f: (typeof functions)[number], secret: string) =>
      f.statements.some((s) => actionsOf(s).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(`"${secret}"`));
    const verifyOnly = functions.filter((f) => has(f.needs, 'jwtVerify') && !has(f.needs, 'jwtKeys', 'jwtKeyRotation'));
    expect(verifyOnly.map((f) => f.handler)).toEqual(expect.arrayContaining(['http/authorizer.handler', 'http/reservations.holdSeats', 'http/auth.logout']));
    for (const f of verifyOnly) {
      expect(reads(f, publicKeys), f.handler).toBe(true);
      expect(reads(f, privateKeys), f.handler).toBe(false);
      expect(f.env, f.handler).not.toHaveProperty('JWT_KEYS_SECRET_ARN');
    }
    // Signers (sign-in, refresh, the admission loop minting admission tokens) keep the private key.
    for (const handler of ['http/auth.refreshToken', 'workers/admission-loop.handler']) expect(reads(functions.find((f) => f.handler === handler)!, privateKeys), handler).toBe(true);
    // The WebSocket $connect is authorized by the authorizer; the handler itself reads no key at all.
    const connect = functions.find((f) => f.handler === 'ws/connect.handler')!;
    expect(reads(connect, privateKeys) || reads(connect, publicKeys)).toBe(false);
  });

  it('applies each declaration’s timeout and memory', () => {
    for (const f of functions) {
      const spec = specs.get(f.handler as never)!;
      expect(resources[f.id]!.Properties, f.handler).toMatchObject({ Timeout: spec.timeoutSeconds, MemorySize: spec.memoryMb });
    }
    expect(specs.get('workers/admission-loop.handler')).toMatchObject({ timeoutSeconds: 60, memoryMb: 1024 });
    expect(specs.get('http/authorizer.handler')).toMatchObject({ memoryMb: 1024 });
  });
});
