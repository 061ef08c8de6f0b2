import { config } from '../config';
import { tagDependency } from '../dependency-errors';
import { lazyClient } from './lazy-client';
import { signedEndpoint } from './signed-endpoint';

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

/** Failures a second attempt may cure: a throttle, a fault, or a kept-alive socket the server had just closed. */
const retryable = (e: HttpFailure & { code?: string }) => (e.$metadata?.httpStatusCode ?? 0) === 429 || e.$fault === 'server' || e.code === 'ECONNRESET' || e.code === 'EPIPE';

/**
 * `PostToConnection` as one SigV4-signed HTTPS request over kept-alive sockets, ./signed-endpoint.ts (the SDK client costs ~3× the CPU per
 * call; see ../sigv4.ts). Credentials come from the function's environment, where Lambda puts its role's. Each attempt
 * gets the invocation's deadline (../deadlines); one retry on a throttle, fault or reset socket, while time is left.
 */
export function signedConnectionsApi(endpoint: string, region: string): ConnectionsApi {
  const base = new URL(endpoint.endsWith('/') ? endpoint : `${endpoint}/`);
  const http = signedEndpoint({ url: base, region, service: 'execute-api', maxSockets: CONNECTIONS_SOCKETS, dependency: DEPENDENCY });

  async function attempt(url: URL, body: string): Promise<PostResult> {
    const { status, headers } = await http.post(url, body, { 'content-type': 'application/json' });
    if (status >= 200 && status < 300) return 'sent';
    if (status === 410) return 'gone';
    const name = String(headers['x-amzn-errortype'] ?? '').split(':')[0] || `HTTP ${status}`;
    throw Object.assign(new Error(`${DEPENDENCY} answered ${status}`), { name, $metadata: { httpStatusCode: status }, $fault: status >= 500 ? 'server' : 'client' });
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
    destroy: () => http.destroy(),
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
