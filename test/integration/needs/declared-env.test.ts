import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, readConfig, resetConfigCache } from '#platform/config';
import { resetClients } from '#platform/clients';
import { logger } from '#platform/logger';
import { secretString, type SecretName } from '#platform/secrets';
import { NEEDS, type Need } from '../../../lib/capabilities/needs';
import type { HandlerRef } from '../../../lib/capabilities/types';
import { functionSpecsOf, systemManifest, type FunctionSpec } from '../../../lib/stacks/system-manifest';
import { invoke, useFunctionSpecs } from '../../../local/invoke';
import { withDeclaredEnv } from '../../../local/needs-env';
import { apiEvent } from '../../helpers/api-event';

/**
 * Every function the capabilities declare runs here under exactly its declared needs' variables (the local cloud's
 * per-invocation view, local/needs-env.ts) and its declared timeout: its module loads, and a cheap invocation of it
 * (a GET, a tick, a token check, an empty body) against the real local services must not fail for want of
 * configuration. A need taken off a declaration whose cheap path uses it fails here, as it would in AWS.
 */
const specs = functionSpecsOf(systemManifest);

/** The variables of needs the integration services do not provide: addresses nothing listens on (a call would be a 503, not a config error). */
const unreachable = {
  WS_MANAGEMENT_ENDPOINT: 'http://127.0.0.1:9/local',
  HOLD_DEADLINES_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:probe',
  WEBHOOK_TARGET_URL: 'http://127.0.0.1:9/v1/payments/webhooks',
  ADMISSION_LOOP_RULE_NAME: 'probe-admission-loop',
  OAUTH_CLIENTS_JSON: JSON.stringify({ kakaoClientId: 'probe', naverClientId: 'probe', naverClientSecret: 'probe' }),
};

/** The secret each secret-carrying need reads. */
const secretsOf: Partial<Record<Need, SecretName[]>> = {
  jwtVerify: ['jwtPublicKeys'],
  jwtKeys: ['jwtKeys', 'jwtPublicKeys'],
  webhookSecret: ['webhook'],
  oauth: ['oauthClients'],
};

const before = { ...process.env };
beforeAll(() => {
  for (const [name, value] of Object.entries(unreachable)) process.env[name] ??= value;
  resetConfigCache();
  useFunctionSpecs(specs);
});
afterAll(() => {
  for (const name of Object.keys(unreachable)) if (before[name] === undefined) delete process.env[name];
  useFunctionSpecs(new Map());
  resetClients();
  resetConfigCache();
});

const PROBE_ID = 'needs-probe';
const principal = { userId: `needs-${randomUUID()}`, role: 'ADMIN' as const };
const isoNow = () => new Date().toISOString();

/** The cheapest event of each kind of declaration: GETs read, everything else is refused or finds nothing. */
function cheapEvent(ref: HandlerRef): unknown {
  const route = systemManifest.restRoutes.find((r) => r.handler === ref);
  if (route) {
    const pathParameters = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1] as string, PROBE_ID]));
    return apiEvent({ method: route.method, resource: route.path, pathParameters, principal: route.auth === 'public' ? undefined : principal, body: route.method === 'GET' ? undefined : {} });
  }
  const ws = systemManifest.wsRoutes.find((r) => r.handler === ref);
  if (ws) {
    return { body: JSON.stringify({ action: ws.routeKey, concertId: PROBE_ID }), headers: {}, requestContext: { connectionId: PROBE_ID, routeKey: ws.routeKey, requestId: randomUUID(), authorizer: { principalId: principal.userId, userId: principal.userId, role: 'USER', tier: 'BASIC', jti: 'j', tokenExpiresAt: 9e9 } } };
  }
  if (systemManifest.queues.some((q) => q.consumer === ref)) return { Records: [] };
  const rule = systemManifest.eventRules.find((r) => r.target === ref);
  if (rule) return { version: '0', id: randomUUID(), 'detail-type': rule.detailTypes[0], source: 'ticketrush', account: '0', time: isoNow(), region: 'us-east-1', resources: [], detail: {} };
  if (systemManifest.holdDeadlines?.expireHandler === ref) return { reservationId: PROBE_ID, phase: 'HOLD' };
  if (ref === systemManifest.authorizer.handler) {
    return { type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:000000000000:api/local/GET/v1/auth/me', headers: { Authorization: 'Bearer not.a.token' } };
  }
  return { version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', time: isoNow(), detail: {} };
}

/** Config failures, wherever the handler reports them: thrown, or logged by the HTTP/WebSocket/batch wrappers. */
function configFailures(thrown: unknown, logged: unknown[][]): string[] {
  const isConfig = (e: unknown) => e instanceof ConfigError || (e instanceof Error && e.message.startsWith('Invalid configuration'));
  const fromLogs = logged.flatMap((args) => args.flatMap((a) => (a && typeof a === 'object' ? Object.values(a) : [])).filter(isConfig));
  return [...(isConfig(thrown) ? [thrown] : []), ...fromLogs].map((e) => (e as Error).message);
}

async function runUnderDeclaredEnv(ref: HandlerRef): Promise<string[]> {
  const error = vi.spyOn(logger, 'error');
  const warn = vi.spyOn(logger, 'warn');
  try {
    let thrown: unknown;
    await invoke(ref, cheapEvent(ref)).catch((e: unknown) => (thrown = e));
    return configFailures(thrown, [...error.mock.calls, ...warn.mock.calls]);
  } finally {
    error.mockRestore();
    warn.mockRestore();
  }
}

describe('every declared function runs under exactly its declared needs', () => {
  it.each([...specs.keys()])('%s', async (ref) => {
    expect(await runUnderDeclaredEnv(ref)).toEqual([]);
  });
});

describe('each need carries what its readers read', () => {
  it.each(Object.keys(NEEDS) as Need[])('%s', async (need) => {
    const spec: FunctionSpec = { needs: [need], timeoutSeconds: 10, memoryMb: 512 };
    await withDeclaredEnv(spec.needs, async () => {
      const vars = NEEDS[need].env;
      expect(() => readConfig(vars as never)).not.toThrow();
      for (const secret of secretsOf[need] ?? []) await expect(secretString(secret)).resolves.toMatch(/\S/);
    });
  });

  it('hides the variables of undeclared needs, so a reader without the need fails naming the variable', async () => {
    await withDeclaredEnv(['redis'], async () => {
      expect(process.env.REDIS_URL).toBeDefined();
      expect(process.env.TABLE_NAME).toBeUndefined();
      expect(process.env.JWT_KEYS_JSON).toBeUndefined();
      await expect(secretString('webhook')).rejects.toThrow(/WEBHOOK_SECRET_ARN/);
    });
    await withDeclaredEnv(['jwtVerify'], async () => {
      // A verify-only function sees the public keys, never the private set.
      expect(process.env.JWT_PUBLIC_KEYS_JSON).toBeDefined();
      await expect(secretString('jwtKeys')).rejects.toThrow(/JWT_KEYS_SECRET_ARN/);
    });
  });
});
