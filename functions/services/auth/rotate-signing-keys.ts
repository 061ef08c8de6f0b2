import { nextRotationStep, type RotationPolicy, type RotationState, type RotationStep } from '#domain/auth/key-rotation';
import type { Clock } from '#platform/clock';

/** The stored key set as rotation sees it: `activeKid`, the keys (private JWKs with `kid`), and the rotation state. */
export interface RotatableKeySet {
  activeKid: string;
  keys: Array<{ kid?: string } & Record<string, unknown>>;
  rotation?: RotationState;
}

export interface SigningKeyStore {
  read(): Promise<RotatableKeySet>;
  write(keySet: RotatableKeySet): Promise<void>;
}

export interface RotationPorts {
  store: SigningKeyStore;
  /** A new private signing key as a JWK carrying `kid`. */
  newKey(kid: string): Promise<{ kid: string } & Record<string, unknown>>;
  clock: Clock;
}

/** Runs the rotation step due now on the stored key set and returns it. */
export async function rotateSigningKeys(ports: RotationPorts, policy: RotationPolicy): Promise<RotationStep> {
  const set = await ports.store.read();
  const now = ports.clock.now();
  const at = now.toISOString();
  const rotation = set.rotation ?? {};
  const step = nextRotationStep(rotation, now, policy);
  switch (step.step) {
    case 'NONE':
      return step;
    case 'ADD': {
      const kid = `k${now.getTime().toString(36)}`;
      await ports.store.write({ ...set, keys: [...set.keys, await ports.newKey(kid)], rotation: { ...rotation, pending: { kid, since: at } } });
      return step;
    }
    case 'ACTIVATE':
      await ports.store.write({ ...set, activeKid: step.kid, rotation: { activeSince: at, retiring: { kid: set.activeKid, since: at } } });
      return step;
    case 'RETIRE':
      await ports.store.write({ ...set, keys: set.keys.filter((k) => k.kid !== step.kid), rotation: { activeSince: rotation.activeSince } });
      return step;
  }
}
