import { vi } from 'vitest';
import type { MetricName } from '#platform/metric-names';

/**
 * Captures the CloudWatch EMF lines handlers write to stdout (#platform/metrics), so a test can say which metrics a
 * real invocation emitted and with what values, exactly as CloudWatch would read them.
 */
export function captureMetrics() {
  const lines: Array<Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> } }> = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.startsWith('{"_aws"')) {
      lines.push(JSON.parse(text));
      return true;
    }
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  return {
    lines,
    /** Every value written for `name`, in order. */
    values(name: MetricName): number[] {
      return lines.flatMap((l) => (name in l ? [l[name] as number | number[]].flat() : []));
    },
    total(name: MetricName): number {
      return this.values(name).reduce((a, b) => a + b, 0);
    },
    names(): Set<string> {
      return new Set(lines.flatMap((l) => l._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name))));
    },
    clear: () => void lines.splice(0),
    stop: () => spy.mockRestore(),
  };
}
