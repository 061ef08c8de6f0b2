import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricName } from './metric-names';

/**
 * The invocation's metrics, written when it ends as one CloudWatch Embedded Metric Format line on stdout — the
 * format Powertools Metrics writes (namespace TicketRush, the `service` dimension), which CloudWatch turns into
 * metrics with no API call on the request path. Written here in a few lines because the Powertools class costs
 * ~11 KB minified, which the hold and join bundles (at their 350 KB limit) cannot take.
 * Names are typed by ./metric-names, which the dashboard and alarms read too; emitters pass the name as a string
 * literal (checked against that type) so a bundle does not carry the whole name table.
 */
const values = new Map<MetricName, number[]>();

/** Adds `value` to a count; zero is skipped so an idle tick writes nothing. */
export function count(name: MetricName, value = 1): void {
  if (value > 0) record(name, value);
}

/** Records a sampled level (queue lengths), read with the Maximum statistic. */
export function gauge(name: MetricName, value: number): void {
  record(name, value);
}

function record(name: MetricName, value: number): void {
  const list = values.get(name);
  if (list) list.push(value);
  else values.set(name, [value]);
}

/** Writes what this invocation recorded, if anything, and starts the next invocation empty. */
export function flushMetrics(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  if (values.size === 0 || process.env.POWERTOOLS_METRICS_DISABLED === 'true') return values.clear();
  const entries = [...values];
  const line = {
    _aws: {
      Timestamp: Date.now(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['service']], Metrics: entries.map(([Name]) => ({ Name, Unit: 'Count' })) }],
    },
    service: METRICS_SERVICE,
    // One value, or every value of the invocation (CloudWatch sums and maxes them as separate samples).
    ...Object.fromEntries(entries.map(([name, list]) => [name, list.length === 1 ? list[0] : list])),
  };
  values.clear();
  write(JSON.stringify(line));
}
