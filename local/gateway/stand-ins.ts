import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { EventRuleDefinition } from '../../lib/capabilities/types';
import type { Background } from '../background';
import { eventBridgeEndpoint } from '../events/event-bridge';
import type { RuleStates } from '../events/rule-states';
import { StepFunctionsRunner, stepFunctionsEndpoint } from '../step-functions/executions';
import type { ConnectionHub } from './connection-hub';
import { startConnectionsApi } from './connections-api';
import { sendJson } from './http-io';
import { closeServer, startGatewayServer } from './server';

export interface StandIns {
  /** `http://127.0.0.1:PORT/<secret>`: the base the handlers' Step Functions and EventBridge endpoints are built on. */
  baseUrl: string;
  /** The @connections API's stage, `http://127.0.0.1:PORT2/<secret>/local`: WS_MANAGEMENT_ENDPOINT. */
  connectionsUrl: string;
  close(): Promise<void>;
}

/**
 * The AWS stand-ins the handlers call — the `@connections` management API, Step Functions and EventBridge — on their
 * own loopback ports (@connections on one of its own), under a random per-run path secret that only the handlers' environment carries. In AWS these
 * APIs take SigV4-signed calls from the account's own roles; here another local process that finds the port still
 * cannot evict a buyer (a forged `SeatsReleased`) or stop a hold's deadline without the secret: it gets 404.
 * Nothing of this is on the public origin.
 */
export async function startStandIns(o: {
  runner: StepFunctionsRunner;
  hub: ConnectionHub;
  eventRules: EventRuleDefinition[];
  background: Background;
  ruleStates: RuleStates;
}): Promise<StandIns> {
  const secret = randomBytes(16).toString('hex');
  const connections = await startConnectionsApi(o.hub, `/${secret}/local`);
  const { server, port } = await startGatewayServer(0, {
    routes: [
      { prefix: `/${secret}/local/sfn`, handle: stepFunctionsEndpoint(o.runner) },
      { prefix: `/${secret}/local/events`, handle: eventBridgeEndpoint(o.eventRules, o.background, o.ruleStates) },
    ],
    fallback: (_req, res) => sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } }),
    upgrade: { path: `/${secret}/none`, handle: (_req, socket) => socket.destroy() },
  });
  return { baseUrl: `http://127.0.0.1:${port}/${secret}`, connectionsUrl: connections.url, close: () => Promise.all([closeServer(server as Server), connections.close()]).then(() => undefined) };
}
