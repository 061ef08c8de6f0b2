import type { CancellationReason, ConditionalCheckFailedException } from '#platform/clients/dynamo-errors';

/** Reads the reasons DynamoDB gives for a cancelled transaction or a failed condition (the client decodes their items). */
export function isConditionalCheckFailed(e: unknown): e is ConditionalCheckFailedException {
  return (e as { name?: string })?.name === 'ConditionalCheckFailedException';
}

export function cancellationReasons(e: unknown): CancellationReason[] | undefined {
  if ((e as { name?: string })?.name !== 'TransactionCanceledException') return undefined;
  return (e as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
}
