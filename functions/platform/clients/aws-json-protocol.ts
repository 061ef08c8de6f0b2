import type { HeaderFields } from './http1-framing';
import { DEADLINES, dependencyTimeLeftMs } from '../deadlines';
import { tagDependency } from '../dependency-errors';
import { signedEndpoint } from './signed-endpoint';

interface Failure {
  code?: string;
  $fault?: string;
  $retryable?: { throttling?: boolean };
}

/** Socket errors a fresh connection may cure, as the SDK's retry strategy lists them; an attempt timeout is ETIMEDOUT. */
const SOCKET_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** A throttle, a fault, a timeout or a socket error; never an answer about the request itself (a failed condition). */
const retryable = (e: Failure) => e.$retryable?.throttling === true || e.$fault === 'server' || SOCKET_ERRORS.has(e.code ?? '');

/** Full jitter on the SDK's standard bases: up to 50 ms, or up to 1 s after a throttle; doubling per retry. */
const backoffMs = (e: Failure, retry: number) => Math.random() * (e.$retryable?.throttling ? 1000 : 50) * 2 ** retry;

/**
 * Kept-alive sockets per service: the SDK's default agent size, which the SDK clients these replace had. In AWS a
 * function has a few calls in flight at a time, but the local cloud runs every function in one process, where a
 * burst of holds starts as many deadline executions at once (and DynamoDB's busiest callers, parallel batch writes
 * and fan-out reads, fit in it too).
 */
const SOCKETS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AwsJsonProtocolOptions {
  url: URL;
  region: string;
  /** The SigV4 signing name: `dynamodb`, `states`, `events`. */
  service: string;
  /** Each call's `X-Amz-Target` is `<targetPrefix>.<Operation>`. */
  targetPrefix: string;
  /** The protocol version the service's model names. */
  contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
  /** Named in errors, and on the 503 a failure becomes. */
  dependency: string;
  /** The error a non-200 answer is, shaped as the SDK's (./aws-service-errors.ts). */
  error(status: number, headers: HeaderFields, body: string): Error;
}

export interface AwsJsonProtocol {
  /** The operation's answer as JSON (`{}` when the service answers with no body). */
  call(operation: string, input: unknown): Promise<Record<string, unknown>>;
  destroy(): void;
}

/**
 * An AWS service's JSON protocol (`X-Amz-Target`, JSON in and out) as SigV4-signed POSTs over kept-alive sockets
 * (./signed-endpoint.ts), in place of an SDK client: an SDK package adds ~100 ms to the first call of every cold start
 * and 2–5× the CPU to each call (`npm run bench:clients`). Deadlines as the SDK clients have them
 * (../deadlines.ts): each attempt within the invocation's attempt timeout, `DEADLINES.sdkMaxAttempts` attempts with
 * jittered backoff on a throttle, fault, timeout or socket error — and no retry whose backoff alone would outlast the
 * budget. Failures are tagged with the dependency.
 */
export function awsJsonProtocol(o: AwsJsonProtocolOptions): AwsJsonProtocol {
  const http = signedEndpoint({ url: o.url, region: o.region, service: o.service, maxSockets: SOCKETS, dependency: o.dependency });
  const headersFor = (operation: string) => ({ 'content-type': o.contentType, 'x-amz-target': `${o.targetPrefix}.${operation}` });

  return {
    async call(operation, input) {
      const body = JSON.stringify(input);
      const headers = headersFor(operation);
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await http.post(o.url, body, headers);
          if (answer.status !== 200) throw o.error(answer.status, answer.headers, answer.body);
          return answer.body ? (JSON.parse(answer.body) as Record<string, unknown>) : {};
        } catch (error) {
          const failure = error as Failure;
          const delay = backoffMs(failure, attempt - 1);
          if (attempt >= DEADLINES.sdkMaxAttempts || !retryable(failure) || delay >= dependencyTimeLeftMs()) throw tagDependency(error, o.dependency);
          await sleep(delay);
        }
      }
    },
    destroy: () => http.destroy(),
  };
}
