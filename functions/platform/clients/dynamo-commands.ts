import { randomUUID } from 'node:crypto';
import type { AttributeValue, DescribeTableCommandInput as SdkDescribeTableInput, DescribeTableCommandOutput as SdkDescribeTableOutput } from '@aws-sdk/client-dynamodb';
import type * as Sdk from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';

/**
 * The DynamoDB commands the adapters send, with lib-dynamodb's DocumentClient shapes (plain values in and out; the
 * types are its own, minus what no adapter uses), sent by ./dynamo-json-client.ts without loading the SDK. Each
 * command turns its input into DynamoDB's wire format (AttributeValues) and the answer back, as the DocumentClient
 * does for the same fields.
 */
export interface DynamoClient {
  send<Output>(command: DynamoCommand<unknown, Output>): Promise<Output>;
  destroy(): void;
}

export abstract class DynamoCommand<Input, Output> {
  /** The API action, sent as `X-Amz-Target: DynamoDB_20120810.<operation>`. */
  abstract readonly operation: string;
  constructor(readonly input: Input) {}
  /** The request body before JSON: the input with its items, keys and values as AttributeValues. */
  abstract wireInput(): object;
  /** The parsed answer with its items and keys as plain values. */
  abstract output(wire: Record<string, unknown>): Output;
}

/**
 * Legacy parameters the DocumentClient would also convert, and item-collection metrics (its output converts their
 * keys); no adapter uses them, so their types are left out rather than sent unconverted.
 */
type Unconverted = 'KeyConditions' | 'QueryFilter' | 'ConditionalOperator' | 'Expected' | 'AttributeUpdates' | 'ReturnItemCollectionMetrics';
type In<T> = Omit<T, Unconverted>;
type Out<T> = Omit<T, '$metadata' | 'ItemCollectionMetrics'>;

export type GetCommandInput = In<Sdk.GetCommandInput>;
export type GetCommandOutput = Out<Sdk.GetCommandOutput>;
export type PutCommandInput = In<Sdk.PutCommandInput>;
export type PutCommandOutput = Out<Sdk.PutCommandOutput>;
export type UpdateCommandInput = In<Sdk.UpdateCommandInput>;
export type UpdateCommandOutput = Out<Sdk.UpdateCommandOutput>;
export type DeleteCommandInput = In<Sdk.DeleteCommandInput>;
export type DeleteCommandOutput = Out<Sdk.DeleteCommandOutput>;
export type QueryCommandInput = In<Sdk.QueryCommandInput>;
export type QueryCommandOutput = Out<Sdk.QueryCommandOutput>;
export type TransactWriteCommandInput = In<Sdk.TransactWriteCommandInput>;
export type TransactWriteCommandOutput = Out<Sdk.TransactWriteCommandOutput>;
export type BatchWriteCommandInput = In<Sdk.BatchWriteCommandInput>;
export type BatchWriteCommandOutput = Out<Sdk.BatchWriteCommandOutput>;
export type BatchGetCommandInput = In<Sdk.BatchGetCommandInput>;
export type BatchGetCommandOutput = Out<Sdk.BatchGetCommandOutput>;
export type DescribeTableCommandInput = SdkDescribeTableInput;
export type DescribeTableCommandOutput = Out<SdkDescribeTableOutput>;

type Item = Record<string, NativeAttributeValue>;
type WireItem = Record<string, AttributeValue>;
type Convert = (value: never) => unknown;

/** As the DocumentClient was configured before this client replaced it: an undefined attribute is left out, not refused. */
const toWire = (item: Item) => marshall(item, { removeUndefinedValues: true });
const toNative = (item: WireItem) => unmarshall(item);
const each = (convert: Convert) => (list: never[]) => list.map((x) => convert(x));
const perTable = (convert: Convert) => (tables: Record<string, never>) => Object.fromEntries(Object.entries(tables).map(([table, x]) => [table, convert(x)]));

/** `value` with each named field that is present converted; absent fields stay absent. */
function converted(value: object, fields: Record<string, Convert>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...value };
  for (const [name, convert] of Object.entries(fields)) if (out[name] !== undefined) out[name] = convert(out[name] as never);
  return out;
}

const keyAndValues = { Key: toWire, ExpressionAttributeValues: toWire };

export class GetCommand extends DynamoCommand<GetCommandInput, GetCommandOutput> {
  readonly operation = 'GetItem';
  wireInput() {
    return converted(this.input, { Key: toWire });
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Item: toNative }) as GetCommandOutput;
  }
}

export class PutCommand extends DynamoCommand<PutCommandInput, PutCommandOutput> {
  readonly operation = 'PutItem';
  wireInput() {
    return converted(this.input, { Item: toWire, ExpressionAttributeValues: toWire });
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Attributes: toNative }) as PutCommandOutput;
  }
}

export class UpdateCommand extends DynamoCommand<UpdateCommandInput, UpdateCommandOutput> {
  readonly operation = 'UpdateItem';
  wireInput() {
    return converted(this.input, keyAndValues);
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Attributes: toNative }) as UpdateCommandOutput;
  }
}

export class DeleteCommand extends DynamoCommand<DeleteCommandInput, DeleteCommandOutput> {
  readonly operation = 'DeleteItem';
  wireInput() {
    return converted(this.input, keyAndValues);
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Attributes: toNative }) as DeleteCommandOutput;
  }
}

export class QueryCommand extends DynamoCommand<QueryCommandInput, QueryCommandOutput> {
  readonly operation = 'Query';
  wireInput() {
    return converted(this.input, { ExclusiveStartKey: toWire, ExpressionAttributeValues: toWire });
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Items: each(toNative), LastEvaluatedKey: toNative }) as QueryCommandOutput;
  }
}

export class TransactWriteCommand extends DynamoCommand<TransactWriteCommandInput, TransactWriteCommandOutput> {
  readonly operation = 'TransactWriteItems';
  wireInput() {
    return {
      ...converted(this.input, {
        TransactItems: each((item: object) =>
          converted(item, {
            ConditionCheck: (x: object) => converted(x, keyAndValues),
            Put: (x: object) => converted(x, { Item: toWire, ExpressionAttributeValues: toWire }),
            Delete: (x: object) => converted(x, keyAndValues),
            Update: (x: object) => converted(x, keyAndValues),
          }),
        ),
      }),
      // As the SDK fills it in: a retry after an attempt that committed but timed out is then answered as that same
      // transaction, not cancelled by its own writes (a hold would read its own seats as taken).
      ClientRequestToken: this.input.ClientRequestToken ?? randomUUID(),
    };
  }
  output(wire: Record<string, unknown>) {
    return wire as TransactWriteCommandOutput;
  }
}

const writeRequests = (convert: typeof toWire | typeof toNative) =>
  perTable(
    each((request: object) =>
      converted(request, {
        PutRequest: (x: object) => converted(x, { Item: convert }),
        DeleteRequest: (x: object) => converted(x, { Key: convert }),
      }),
    ),
  );

export class BatchWriteCommand extends DynamoCommand<BatchWriteCommandInput, BatchWriteCommandOutput> {
  readonly operation = 'BatchWriteItem';
  wireInput() {
    return converted(this.input, { RequestItems: writeRequests(toWire) });
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { UnprocessedItems: writeRequests(toNative) }) as BatchWriteCommandOutput;
  }
}

const keysOf = (convert: typeof toWire | typeof toNative) => perTable((x: object) => converted(x, { Keys: each(convert) }));

export class BatchGetCommand extends DynamoCommand<BatchGetCommandInput, BatchGetCommandOutput> {
  readonly operation = 'BatchGetItem';
  wireInput() {
    return converted(this.input, { RequestItems: keysOf(toWire) });
  }
  output(wire: Record<string, unknown>) {
    return converted(wire, { Responses: perTable(each(toNative)), UnprocessedKeys: keysOf(toNative) }) as BatchGetCommandOutput;
  }
}

/** The health probe's: nothing to convert. */
export class DescribeTableCommand extends DynamoCommand<DescribeTableCommandInput, DescribeTableCommandOutput> {
  readonly operation = 'DescribeTable';
  wireInput() {
    return this.input;
  }
  output(wire: Record<string, unknown>) {
    return wire as DescribeTableCommandOutput;
  }
}
