import type { HeaderFields } from './http1-framing';

/** The answers AWS services give when they throttle a request; the retries and ../dependency-errors.ts read the trait. */
const THROTTLES = new Set(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'TooManyRequestsException']);

export interface Answered {
  message: string;
  status: number;
  requestId?: string;
}

/**
 * An error answer of an AWS JSON-protocol service, shaped as the SDK's service exceptions are (`name`, `$fault`,
 * `$metadata.httpStatusCode`, `$retryable`): ../dependency-errors.ts classifies it, and adapters match it by name.
 */
export class AwsServiceException extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  readonly $retryable?: { throttling: true };

  constructor(name: string, { message, status, requestId }: Answered) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
    if (THROTTLES.has(name) || status === 429) this.$retryable = { throttling: true };
  }
}

function parsed(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    // Not the service's JSON (a proxy's or load balancer's page): the status alone tells what happened.
    return {};
  }
}

/**
 * What a non-200 answer says: the error's name — in `x-amzn-errortype` or the body's `__type`, bare or qualified
 * (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`) — its message, and the body itself for the
 * fields some errors carry.
 */
export function errorAnswer(service: string, status: number, headers: HeaderFields, body: string) {
  const wire = parsed(body);
  const type = String(headers['x-amzn-errortype'] ?? wire.__type ?? '');
  const name = type.slice(type.lastIndexOf('#') + 1).split(':')[0] || `HTTP ${status}`;
  const requestId = headers['x-amzn-requestid'];
  const message = typeof wire.message === 'string' ? wire.message : typeof wire.Message === 'string' ? wire.Message : `${service} answered ${status}`;
  const answered: Answered = { message, status, ...(typeof requestId === 'string' ? { requestId } : {}) };
  return { name, answered, wire };
}

/** The error for a non-200 answer of a service whose errors carry nothing beyond their name and message. */
export const serviceError =
  (service: string) =>
  (status: number, headers: HeaderFields, body: string): AwsServiceException => {
    const { name, answered } = errorAnswer(service, status, headers, body);
    return new AwsServiceException(name, answered);
  };
