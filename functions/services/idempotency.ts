import { createHash } from 'node:crypto';
import type { Clock } from '#platform/clock';
import { dependencyTimeLeftMs } from '#platform/deadlines';
import { DomainError, dependencyUnavailable, validationFailed } from '#domain/errors';

/** The response a replay returns: the first request's status and body. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type BeginResult =
  | { state: 'STARTED' }
  | { state: 'COMPLETED'; fingerprint: string; response: StoredResponse }
  | { state: 'IN_PROGRESS'; fingerprint: string };

export interface IdempotencyStore {
  /** Claims the key until `leaseUntilMs`; an IN_PROGRESS claim whose lease has passed may be claimed again. */
  begin(input: { scope: string; key: string; fingerprint: string; now: Date; leaseUntilMs: number; ttlSeconds: number }): Promise<BeginResult>;
  complete(input: { scope: string; key: string; response: StoredResponse }): Promise<void>;
  abandon(input: { scope: string; key: string }): Promise<void>;
}

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  /** Who the key belongs to and which operation, e.g. `<userId>:POST /v1/reservations`: keys never cross users. */
  scope: string;
  key: string | undefined;
  body: unknown;
}

/**
 * Runs `execute` at most once per (scope, key). A replay with the same body gets the first response (and
 * `replayed: true`); the same key with a different body is 409 IDEMPOTENCY_CONFLICT; a replay while the first is
 * still running is 409 CONFLICT with Retry-After. Only successes are recorded: when the first attempt fails, the
 * key is released so the client's retry runs again rather than replaying a transient error.
 */
export function idempotency(deps: { store: IdempotencyStore; clock: Clock }) {
  return async function run(req: IdempotentRequest, execute: () => Promise<StoredResponse>): Promise<StoredResponse & { replayed: boolean }> {
    if (req.key === undefined) return { ...(await execute()), replayed: false };
    if (!KEY_PATTERN.test(req.key)) {
      throw validationFailed([{ in: 'header', path: 'idempotency-key', message: 'must be 1–255 printable ASCII characters' }]);
    }
    const fingerprint = fingerprintOf(req.body);
    const ref = { scope: req.scope, key: req.key };
    // The claim lasts as long as this invocation can still write (its dependency deadline), no longer: if the table
    // stalls and the claim can be neither completed nor released, the client's retry after the 503 runs again.
    const now = deps.clock.now();
    const leaseUntilMs = now.getTime() + dependencyTimeLeftMs();
    const begun = await deps.store.begin({ ...ref, fingerprint, now, leaseUntilMs, ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
    if (begun.state !== 'STARTED') {
      if (begun.fingerprint !== fingerprint) {
        throw new DomainError('IDEMPOTENCY_CONFLICT', 'This Idempotency-Key was used with a different request body');
      }
      if (begun.state === 'IN_PROGRESS') {
        throw new DomainError('CONFLICT', 'A request with this Idempotency-Key is still being processed', undefined, 1);
      }
      return { ...begun.response, replayed: true };
    }
    // A claim that could not be settled blocks its key until the lease ends: the 503 asks the client to wait that long.
    const unsettled = () => dependencyUnavailable('DynamoDB', Math.max(1, Math.ceil((leaseUntilMs - deps.clock.now().getTime()) / 1000)));
    let response: StoredResponse;
    try {
      response = await execute();
    } catch (e) {
      await deps.store.abandon(ref).catch(() => Promise.reject(unsettled()));
      throw e;
    }
    await deps.store.complete({ ...ref, response }).catch(() => Promise.reject(unsettled()));
    return { ...response, replayed: false };
  };
}

/** SHA-256 of the body with object keys sorted, so formatting and key order do not change the fingerprint. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
