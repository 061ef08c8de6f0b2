import { DEADLINES, dependencyTimeLeftMs } from '../deadlines';
import { tagDependency } from '../dependency-errors';
import type { DynamoClient } from './dynamo-commands';
import { dynamoError } from './dynamo-errors';
import { signedEndpoint } from './signed-endpoint';

const DEPENDENCY = 'DynamoDB';
/** The SDK's default agent size, which the table's busiest callers (parallel batch writes, fan-out reads) fit in. */
const SOCKETS = 50;

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * DynamoDB's JSON protocol as SigV4-signed POSTs over kept-alive sockets (./signed-endpoint.ts), in place of the
 * SDK client, whose packages cost every cold start ~75–100 ms to load. Deadlines as the SDK clients have them
 * (../deadlines.ts, ./deadlined.ts): each attempt within the invocation's attempt timeout, `DEADLINES.sdkMaxAttempts`
 * attempts with jittered backoff on a throttle, fault, timeout or socket error — and no retry whose backoff alone
 * would outlast the budget. Errors are the SDK's shape (./dynamo-errors.ts), tagged with the dependency.
 */
export function dynamoJsonClient(url: URL, region: string): DynamoClient {
  const http = signedEndpoint({ url, region, service: 'dynamodb', maxSockets: SOCKETS, dependency: DEPENDENCY });

  return {
    async send(command) {
      const body = JSON.stringify(command.wireInput());
      const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${command.operation}` };
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await http.post(url, body, headers);
          if (answer.status !== 200) throw dynamoError(answer.status, answer.headers, answer.body);
          return command.output(JSON.parse(answer.body) as Record<string, unknown>);
        } catch (error) {
          const failure = error as Failure;
          const delay = backoffMs(failure, attempt - 1);
          if (attempt >= DEADLINES.sdkMaxAttempts || !retryable(failure) || delay >= dependencyTimeLeftMs()) throw tagDependency(error, DEPENDENCY);
          await sleep(delay);
        }
      }
    },
    destroy: () => http.destroy(),
  };
}
