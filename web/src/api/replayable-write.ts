import { ApiError } from './api-error';

/** Longest wait the page honours from a Retry-After before trying again itself. */
const RETRY_CAP_SECONDS = 5;
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One Idempotency-Key per intended write, kept while the write's outcome is unknown: retried after a 503 (or a lost
 * connection), or sent again by the fan with the same body, it is the same key, so the server answers the first
 * attempt's result instead of holding or paying twice. A new body, or a settled answer, starts a new key.
 */
export class ReplayableKey {
  private current?: { body: string; key: string };

  for(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.current?.body !== text) this.current = { body: text, key: crypto.randomUUID() };
    return this.current.key;
  }

  /** After an answer that says what happened (success or a 4xx): the next write is a new one. */
  settle(): void {
    this.current = undefined;
  }
}

/** Whether a failed write may not have happened and is worth sending again with the same key. */
export const outcomeUnknown = (e: unknown): boolean => (e instanceof ApiError && e.status === 503) || e instanceof TypeError;

/** Sends a write, and after a 503 DEPENDENCY_UNAVAILABLE (or a network failure) sends it again after Retry-After. */
export async function retryingUnavailable<T>(send: () => Promise<T>, tries = 3, sleep = pause): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (attempt >= tries || !outcomeUnknown(e)) throw e;
      await sleep(Math.min(e instanceof ApiError ? (e.retryAfterSeconds ?? 1) : 1, RETRY_CAP_SECONDS) * 1000);
    }
  }
}
