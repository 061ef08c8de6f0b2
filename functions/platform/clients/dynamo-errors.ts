import type { IncomingHttpHeaders } from 'node:http';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

type Item = Record<string, NativeAttributeValue>;

/** The answers DynamoDB gives when it throttles a request; the retry and ../dependency-errors.ts read the trait. */
const THROTTLES = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded']);

interface Answered {
  message: string;
  status: number;
  requestId?: string;
}

/**
 * An error answer, shaped as the SDK's service exceptions are (`name`, `$fault`, `$metadata.httpStatusCode`,
 * `$retryable`): ../dependency-errors.ts classifies it, and adapters match it by class or by name.
 */
export class DynamoServiceException extends Error {
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

export class ConditionalCheckFailedException extends DynamoServiceException {
  /** The item as it was, in plain values, when the write asked for it (`ReturnValuesOnConditionCheckFailure`). */
  readonly Item?: Item;

  constructor(answered: Answered, item: Item | undefined) {
    super('ConditionalCheckFailedException', answered);
    this.Item = item;
  }
}

export interface CancellationReason {
  Code?: string;
  Message?: string;
  /** As for ConditionalCheckFailedException, for an item whose condition failed. */
  Item?: Item;
}

export class TransactionCanceledException extends DynamoServiceException {
  /** One per transaction item, in the transaction's order. */
  readonly CancellationReasons?: CancellationReason[];

  constructor(answered: Answered, reasons: CancellationReason[] | undefined) {
    super('TransactionCanceledException', answered);
    this.CancellationReasons = reasons;
  }
}

interface WireError {
  __type?: string;
  message?: string;
  Message?: string;
  Item?: Record<string, AttributeValue>;
  CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, AttributeValue> }>;
}

function parsed(body: string): WireError {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' ? value : {};
  } catch {
    // Not DynamoDB's JSON (a proxy's or load balancer's page): the status alone tells what happened.
    return {};
  }
}

const native = (item: Record<string, AttributeValue> | undefined) => (item ? unmarshall(item) : undefined);

/**
 * The error for a non-200 answer. DynamoDB names it in the body's `__type`
 * (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`), or in `x-amzn-errortype`; the items it
 * returns with a failed condition are decoded here, as the DocumentClient decodes the items of a success.
 */
export function dynamoError(status: number, headers: IncomingHttpHeaders, body: string): DynamoServiceException {
  const wire = parsed(body);
  const type = String(headers['x-amzn-errortype'] ?? wire.__type ?? '');
  const name = type.slice(type.lastIndexOf('#') + 1).split(':')[0] || `HTTP ${status}`;
  const requestId = headers['x-amzn-requestid'];
  const answered = { message: wire.message ?? wire.Message ?? `DynamoDB answered ${status}`, status, ...(typeof requestId === 'string' ? { requestId } : {}) };
  if (name === 'ConditionalCheckFailedException') return new ConditionalCheckFailedException(answered, native(wire.Item));
  if (name === 'TransactionCanceledException') {
    return new TransactionCanceledException(
      answered,
      wire.CancellationReasons?.map(({ Item, ...reason }) => (Item ? { ...reason, Item: native(Item) } : reason)),
    );
  }
  return new DynamoServiceException(name, answered);
}
