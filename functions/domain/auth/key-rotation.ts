/**
 * JWT signing-key rotation as a pure state machine over the stored key set, run by a scheduled worker:
 *   1. ADD a new key beside the active one (every verifier learns its public half, nobody signs with it yet);
 *   2. ACTIVATE it once every verifier has reloaded the key set (signers switch; the old key still verifies);
 *   3. RETIRE the old key once the longest-lived token it signed has expired.
 * A token signed by the previous key therefore verifies until its own expiry, and a token signed by the new key
 * never reaches a verifier that does not know it.
 */

export interface RotationState {
  /** A key added but not yet signing, and since when. */
  pending?: { kid: string; since: string };
  /** The previous signing key, still verifying, and since when it stopped signing. */
  retiring?: { kid: string; since: string };
  /** When the active key started signing. */
  activeSince?: string;
}

export interface RotationPolicy {
  /** How long a key signs before the next rotation starts. */
  rotateEverySeconds: number;
  /** Wait between ADD and ACTIVATE: at least how long a verifier may keep an old copy of the key set. */
  activateAfterSeconds: number;
  /** Wait between ACTIVATE and RETIRE: the lifetime of the longest-lived token a key signs. */
  retireAfterSeconds: number;
}

export type RotationStep = { step: 'ADD' } | { step: 'ACTIVATE'; kid: string } | { step: 'RETIRE'; kid: string } | { step: 'NONE' };

const elapsed = (since: string | undefined, now: Date) => (since === undefined ? Infinity : (now.getTime() - Date.parse(since)) / 1000);

/** The one step due now (at most one per run, so every step is seen by verifiers before the next). */
export function nextRotationStep(state: RotationState, now: Date, policy: RotationPolicy): RotationStep {
  if (state.retiring) return elapsed(state.retiring.since, now) >= policy.retireAfterSeconds ? { step: 'RETIRE', kid: state.retiring.kid } : { step: 'NONE' };
  if (state.pending) return elapsed(state.pending.since, now) >= policy.activateAfterSeconds ? { step: 'ACTIVATE', kid: state.pending.kid } : { step: 'NONE' };
  return elapsed(state.activeSince, now) >= policy.rotateEverySeconds ? { step: 'ADD' } : { step: 'NONE' };
}
