import { Duration } from 'aws-cdk-lib';
import { Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { METRICS_NAMESPACE, METRICS_SERVICE, type MetricName } from '../../functions/platform/metric-names';

/**
 * A metric the code emits (Powertools Metrics, namespace TicketRush, the `service` dimension only), by the name
 * functions/platform/metric-names.ts gives it: alarms and the dashboard read exactly what the emitters write.
 */
export function saleMetric(name: MetricName, options: MetricOptions = {}): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRICS_SERVICE },
    period: Duration.minutes(1),
    statistic: 'Sum',
    ...options,
  });
}
