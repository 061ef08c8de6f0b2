/** A dependency check: resolves when the dependency answers, rejects (or never settles) when it does not. */
export type Probe = () => Promise<unknown>;

export type CheckResult = 'ok' | 'fail';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, CheckResult>;
}

/** Each check gets this long; a dependency slower than that counts as down. */
export const PROBE_TIMEOUT_MS = 2000;

/** Runs every probe in parallel, each time-boxed; one failure makes the whole report `degraded`. */
export async function checkHealth(probes: Record<string, Probe>, timeoutMs = PROBE_TIMEOUT_MS): Promise<HealthReport> {
  const names = Object.keys(probes);
  const results = await Promise.all(names.map((name) => withTimeout(probes[name] as Probe, timeoutMs)));
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as CheckResult]));
  return { status: results.every((r) => r === 'ok') ? 'ok' : 'degraded', checks };
}

async function withTimeout(probe: Probe, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => (timer = setTimeout(() => resolve('fail'), timeoutMs)));
  try {
    return await Promise.race([probe().then((): CheckResult => 'ok', (): CheckResult => 'fail'), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
