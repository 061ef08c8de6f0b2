import type { HeaderFields } from './http1-framing';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { AwsServiceException, errorAnswer, type Answered } from './aws-service-errors';

type Item = Record<string, NativeAttributeValue>;

export class ConditionalCheckFailedException extends AwsServiceException {
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

export class TransactionCanceledException extends AwsServiceException {
  /** One per transaction item, in the transaction's order. */
  readonly CancellationReasons?: CancellationReason[];

  constructor(answered: Answered, reasons: CancellationReason[] | undefined) {
    super('TransactionCanceledException', answered);
    this.CancellationReasons = reasons;
  }
}

interface WireError {
  Item?: Record<string, AttributeValue>;
  CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, AttributeValue> }>;
}

const native = (item: Record<string, AttributeValue> | undefined) => (item ? unmarshall(item) : undefined);

/**
 * The error for a non-200 answer (./aws-service-errors.ts reads its name and message); the items DynamoDB returns
 * with a failed condition are decoded here, as the DocumentClient decodes the items of a success.
 */
export function dynamoError(status: number, headers: HeaderFields, body: string): AwsServiceException {
  const { name, answered, wire } = errorAnswer('DynamoDB', status, headers, body);
  const { Item, CancellationReasons } = wire as WireError;
  if (name === 'ConditionalCheckFailedException') return new ConditionalCheckFailedException(answered, native(Item));
  if (name === 'TransactionCanceledException') {
    return new TransactionCanceledException(
      answered,
      CancellationReasons?.map(({ Item: item, ...reason }) => (item ? { ...reason, Item: native(item) } : reason)),
    );
  }
  return new AwsServiceException(name, answered);
}
