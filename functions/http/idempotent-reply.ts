import type { Principal } from '#domain/identity';
import { Reply } from '#platform/http';
import type { idempotency, StoredResponse } from '#services/idempotency';

export type IdempotentRun = ReturnType<typeof idempotency>;

/**
 * Runs a mutating route under its `Idempotency-Key` (api.md: same key and body → the first response, marked
 * `Idempotent-Replayed`; a different body → 409). Keys are scoped to the caller and the operation, which names
 * the resource (`POST /v1/reservations/<id>/pay`), so a key never crosses users or resources.
 */
export async function idempotentReply(
  run: IdempotentRun,
  req: { principal: Pick<Principal, 'userId'>; headers: Record<string, string>; body?: unknown },
  operation: string,
  execute: () => Promise<StoredResponse>,
): Promise<Reply> {
  const result = await run({ scope: `${req.principal.userId}:${operation}`, key: req.headers['idempotency-key'], body: req.body }, execute);
  return new Reply(result.status, result.body, result.replayed ? { 'idempotent-replayed': 'true' } : {});
}
