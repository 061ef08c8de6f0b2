import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ConfigError } from '../config';
import { attemptTimeoutMs, budgetSpentError, connectTimeoutMs } from '../deadlines';
import { signedHeaders, type Credentials } from '../sigv4';

/** What the service answered, whatever the status; a socket error or a timeout rejects instead. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

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

/** Shaped like the SDK's own timeouts, which ../dependency-errors.ts classifies as "timeout". */
const timeoutError = (message: string) => Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });

export function signedEndpoint({ url: endpoint, region, service, maxSockets, dependency }: SignedEndpointOptions): SignedEndpoint {
  const secure = endpoint.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets }) : new HttpAgent({ keepAlive: true, maxSockets });
  const request = secure ? httpsRequest : httpRequest;

  return {
    post(url, body, extraHeaders) {
      const timeout = attemptTimeoutMs();
      if (timeout <= 0) return Promise.reject(budgetSpentError());
      const headers = signedHeaders({ method: 'POST', url, body, region, service, credentials: credentialsFromEnv(dependency), now: new Date(), headers: extraHeaders });
      return new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('end', () => {
            clearTimers();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
          });
        });
        // Rejects before destroying, so the error the caller sees is the timeout, not the socket's reaction to it.
        const cut = (message: string) => () => {
          fail(timeoutError(message));
          req.destroy();
        };
        const attemptTimer = setTimeout(cut(`${dependency} did not answer within ${timeout} ms`), timeout);
        const connectTimer = setTimeout(cut(`${dependency}: no connection within ${connectTimeoutMs()} ms`), connectTimeoutMs());
        function clearTimers() {
          clearTimeout(attemptTimer);
          clearTimeout(connectTimer);
        }
        function fail(error: unknown) {
          clearTimers();
          reject(error);
        }
        req.on('socket', (socket) => {
          if (socket.connecting) socket.once('connect', () => clearTimeout(connectTimer));
          else clearTimeout(connectTimer);
        });
        req.on('error', fail);
        req.end(body);
      });
    },
    destroy: () => agent.destroy(),
  };
}
