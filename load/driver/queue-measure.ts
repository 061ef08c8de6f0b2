import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shared by the waiting-room load driver and benchmark: concurrency runner, percentiles, reports. */
export interface RunResult {
  count: number;
  errors: number;
  durationMs: number;
  perSecond: number;
  latenciesMs: number[];
}

/** Runs `total` calls of `fn`, at most `concurrency` in flight, timing each. */
export async function runConcurrently(total: number, concurrency: number, fn: (i: number) => Promise<unknown>): Promise<RunResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t = performance.now();
      try {
        await fn(i);
        latenciesMs.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const durationMs = performance.now() - started;
  return { count: total, errors, durationMs, perSecond: (total / durationMs) * 1000, latenciesMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const summary = (values: number[]) => ({
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  p99: round(percentile(values, 99)),
  // reduce, not Math.max(...values): a run can hold millions of samples, more than a call's arguments.
  max: round(values.reduce((m, v) => (v > m ? v : m), -Infinity)),
});

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const reportsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'reports');

/** Writes `<name>-<timestamp>.json|md` and `<name>-latest.json|md` to load/reports/. */
export function writeReport(name: string, json: unknown, markdown: string): string {
  mkdirSync(reportsDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (const suffix of [stamp, 'latest']) {
    writeFileSync(join(reportsDir, `${name}-${suffix}.json`), `${JSON.stringify(json, null, 2)}\n`);
    writeFileSync(join(reportsDir, `${name}-${suffix}.md`), markdown);
  }
  return join(reportsDir, `${name}-latest.md`);
}

export function markdownTable(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${headers.map((h) => String(r[h])).join(' | ')} |`),
  ].join('\n');
}
