import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { config, ConfigError } from '../config';
import { attemptTimeoutMs, budgetSpentError } from '../deadlines';
import { tagDependency } from '../dependency-errors';
import { signedHeaders, type Credentials } from '../sigv4';
import { lazyClient } from './lazy-client';

const DEPENDENCY = 'API Gateway @connections';
/** Sockets kept open to the management endpoint: one per push in flight (functions/services/live-updates/push-all.ts). */
export const CONNECTIONS_SOCKETS = 64;

export type PostResult = 'sent' | 'gone';

/** API Gateway's WebSocket management API, as the pushes use it: POST a message to one connection. */
export interface ConnectionsApi {
  /** 'gone' when the connection no longer exists (410); a throttle, fault, timeout or socket error is thrown. */
  post(connectionId: string, data: string): Promise<PostResult>;
  destroy(): void;
}

interface HttpFailure extends Error {
  $metadata?: { httpStatusCode: number };
  $fault?: 'client' | 'server';
}

/** The role's credentials, which Lambda puts in the environment (read per call: they are not config). */
function credentialsFromEnv(): Credentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new ConfigError('Invalid configuration — AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed to sign @connections calls');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** Failures a second attempt may cure: a throttle, a fault, or a kept-alive socket the server had just closed. */
const retryable = (e: HttpFailure & { code?: string }) => (e.$metadata?.httpStatusCode ?? 0) === 429 || e.$fault === 'server' || e.code === 'ECONNRESET' || e.code === 'EPIPE';

/**
 * `PostToConnection` as one SigV4-signed HTTPS request over kept-alive sockets (the SDK client costs ~3× the CPU per
 * call; see ../sigv4.ts). Credentials come from the function's environment, where Lambda puts its role's. Each attempt
 * gets the invocation's deadline (../deadlines); one retry on a throttle, fault or reset socket, while time is left.
 */
export function signedConnectionsApi(endpoint: string, region: string): ConnectionsApi {
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  const secure = base.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: CONNECTIONS_SOCKETS }) : new HttpAgent({ keepAlive: true, maxSockets: CONNECTIONS_SOCKETS });
  const send = secure ? httpsRequest : httpRequest;

  function attempt(url: URL, body: string): Promise<PostResult> {
    const timeout = attemptTimeoutMs();
    if (timeout <= 0) return Promise.reject(budgetSpentError());
    const credentials = credentialsFromEnv();
    const headers = signedHeaders({ method: 'POST', url, body, region, service: 'execute-api', credentials, now: new Date() });
    return new Promise((resolve, reject) => {
      const req = send(url, { method: 'POST', agent, timeout, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        res.resume();
        res.on('error', reject);
        res.on('end', () => {
          if (status >= 200 && status < 300) return resolve('sent');
          if (status === 410) return resolve('gone');
          const name = String(res.headers['x-amzn-errortype'] ?? '').split(':')[0] || `HTTP ${status}`;
          reject(Object.assign(new Error(`${DEPENDENCY} answered ${status}`), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' }));
        });
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`${DEPENDENCY} did not answer within ${timeout} ms`), { name: 'TimeoutError' })));
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    async post(connectionId, data) {
      const url = new URL(`@connections/${encodeURIComponent(connectionId)}`, base);
      try {
        return await attempt(url, data);
      } catch (first) {
        if (!retryable(first as HttpFailure)) throw tagDependency(first, DEPENDENCY);
        return attempt(url, data).catch((error: unknown) => {
          throw tagDependency(error, DEPENDENCY);
        });
      }
    },
    destroy: () => agent.destroy(),
  };
}

const client = lazyClient(() => {
  const { WS_MANAGEMENT_ENDPOINT, AWS_REGION } = config('WS_MANAGEMENT_ENDPOINT', 'AWS_REGION');
  return signedConnectionsApi(WS_MANAGEMENT_ENDPOINT, AWS_REGION);
});

/** Like redis(): the endpoint is checked on every use, so only functions with the `connections` need get the client. */
export const connections = (): ConnectionsApi => {
  config('WS_MANAGEMENT_ENDPOINT');
  return client();
};
