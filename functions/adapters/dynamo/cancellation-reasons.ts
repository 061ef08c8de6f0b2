import type { AttributeValue, CancellationReason } from '@aws-sdk/client-dynamodb';

/**
 * Reads the reasons DynamoDB gives for a cancelled transaction or a failed condition. The items arrive as raw
 * AttributeValues (the document client does not convert errors), so they are decoded here.
 */
export function isConditionalCheckFailed(e: unknown): e is Error & { Item?: Record<string, AttributeValue> } {
  return (e as { name?: string })?.name === 'ConditionalCheckFailedException';
}

export function cancellationReasons(e: unknown): CancellationReason[] | undefined {
  if ((e as { name?: string })?.name !== 'TransactionCanceledException') return undefined;
  return (e as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}

export function fromAttributeValues(item: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  if (!item) return undefined;
  return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, decode(v)]));
}

function decode(v: AttributeValue): unknown {
  if (v.S !== undefined) return v.S;
  if (v.N !== undefined) return Number(v.N);
  if (v.BOOL !== undefined) return v.BOOL;
  if (v.NULL !== undefined) return null;
  if (v.L !== undefined) return v.L.map(decode);
  if (v.M !== undefined) return fromAttributeValues(v.M);
  if (v.SS !== undefined) return new Set(v.SS);
  if (v.NS !== undefined) return new Set(v.NS.map(Number));
  return undefined;
}
