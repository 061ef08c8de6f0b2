import { ConfigError } from '../config';
import { attemptTimeoutMs, budgetSpentError, connectTimeoutMs } from '../deadlines';
import { signedHeaders, type Credentials } from '../sigv4';
import { keepAlivePool, type Answer } from './keep-alive-pool';

export type { Answer } from './keep-alive-pool';

/**
 * SigV4-signed POSTs to one AWS endpoint over kept-alive sockets, each attempt bounded as the SDK clients' are
 * (./deadlined.ts): the invocation's attempt timeout from first byte queued to last byte read, a connect timeout
 * (socket pool wait included), and a spent budget failing at once. Retrying is each client's own decision.
 */
export interface SignedEndpoint {
  post(url: URL, body: string, headers: Record<string, string>): Promise<Answer>;
  destroy(): void;
}

export interface SignedEndpointOptions {
  /** The endpoint; its scheme picks http or https. */
  url: URL;
  region: string;
  /** The SigV4 signing name: `execute-api`, `dynamodb`. */
  service: string;
  /** Kept-alive sockets: as many as the function has requests in flight to this endpoint. */
  maxSockets: number;
  /** Named in configuration and timeout errors. */
  dependency: string;
}

/** The role's credentials, which Lambda puts in the environment (read per call: they are not config). */
function credentialsFromEnv(dependency: string): Credentials {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new ConfigError(`Invalid configuration — AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are needed to sign ${dependency} calls`);
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

export function signedEndpoint({ url: endpoint, region, service, maxSockets, dependency }: SignedEndpointOptions): SignedEndpoint {
  const pool = keepAlivePool({ url: endpoint, maxSockets, dependency });

  return {
    post(url, body, extraHeaders) {
      const timeout = attemptTimeoutMs();
      if (timeout <= 0) return Promise.reject(budgetSpentError());
      const headers = signedHeaders({ method: 'POST', url, body, region, service, credentials: credentialsFromEnv(dependency), now: new Date(), headers: extraHeaders });
      return pool.post({ target: `${url.pathname}${url.search}`, headers, body, attemptMs: timeout, connectMs: connectTimeoutMs() });
    },
    destroy: () => pool.destroy(),
  };
}
