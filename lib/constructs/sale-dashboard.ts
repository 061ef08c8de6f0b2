import { Duration } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Dashboard, GraphWidget, MathExpression, Metric, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { Metric as M, type MetricName } from '../../functions/platform/metric-names';
import type { HttpMethod } from '../capabilities/types';
import { saleMetric } from './sale-metrics';

/** The routes a rush hits hardest; each gets its p99 line (API Gateway's per-method metrics are enabled on the stage). */
export const hotRoutes: readonly { readonly method: HttpMethod; readonly path: string; readonly label: string }[] = [
  { method: 'POST', path: '/v1/concerts/{concertId}/queue', label: 'join line' },
  { method: 'GET', path: '/v1/concerts/{concertId}/queue/me', label: 'queue status' },
  { method: 'GET', path: '/v1/concerts/{concertId}/shows/{showId}/seats', label: 'seat map' },
  { method: 'POST', path: '/v1/reservations', label: 'hold seats' },
  { method: 'POST', path: '/v1/reservations/{reservationId}/pay', label: 'pay' },
  { method: 'POST', path: '/v1/payments/webhooks', label: 'payment webhook' },
];

export interface SaleDashboardProps {
  /** @default - no per-route latency widget */
  readonly restApi?: RestApi;
  /** The REST API stage the per-method metrics are published for. */
  readonly stageName: string;
}

/** The widget titles, in order; the test checks the synthesized dashboard carries each. */
export const saleWidgets = {
  line: 'Line: waiting and active',
  admitted: 'Admitted and lapsed per second',
  holds: 'Holds won and lost per second',
  sales: 'Sales per minute',
  expiries: 'Expiries, cancellations and refunds per minute',
  payments: 'Payment outcomes per minute',
  abuse: 'Abuse blocks and rate limits per minute; audit rows not yet in the table',
  latency: 'p99 latency of the hot routes (ms)',
  pushes: '@connections calls and failures per second',
  lambda: 'Lambda concurrency and throttles',
  dependencies: 'Answers 503 DEPENDENCY_UNAVAILABLE per minute',
} as const;

/**
 * One CloudWatch dashboard for watching a sale, built only from the metrics the code emits
 * (functions/platform/metric-names.ts) and the AWS metrics of the services behind them.
 */
export class SaleDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: SaleDashboardProps) {
    super(scope, id);
    const sum = (name: MetricName, label: string) => saleMetric(name, { label });
    /** A per-minute count shown per second. */
    const perSecond = (name: MetricName, label: string) => {
      const id = name.charAt(0).toLowerCase() + name.slice(1);
      return new MathExpression({ expression: `${id} / PERIOD(${id})`, usingMetrics: { [id]: saleMetric(name) }, label, period: Duration.minutes(1) });
    };
    const api = props.restApi;
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) => new GraphWidget({ title, left, right, width: 12, height: 6 });

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(3) });
    this.dashboard.addWidgets(
      graph(saleWidgets.line, [saleMetric(M.QueueWaiting, { statistic: 'Maximum', label: 'waiting' })], [saleMetric(M.QueueActive, { statistic: 'Maximum', label: 'active' })]),
      graph(saleWidgets.admitted, [perSecond(M.Admitted, 'admitted/s'), perSecond(M.Lapsed, 'lapsed/s')], [sum(M.AdmissionTicks, 'ticks/min')]),
      graph(saleWidgets.holds, [perSecond(M.HoldsWon, 'won/s'), perSecond(M.HoldsLost, 'lost/s')]),
      graph(saleWidgets.sales, [sum(M.ReservationsConfirmed, 'confirmed')]),
      graph(saleWidgets.expiries, [sum(M.ReservationsExpired, 'expired'), sum(M.ReservationsCancelled, 'cancelled'), sum(M.ReservationsRefunded, 'refunded')]),
      graph(saleWidgets.payments, [sum(M.PaymentsCaptured, 'captured'), sum(M.PaymentsFailed, 'failed'), sum(M.WebhooksDuplicate, 'duplicate webhooks'), sum(M.WebhooksRejected, 'rejected webhooks')]),
      graph(saleWidgets.abuse, [sum(M.AbuseBlocked, 'abuse blocks'), sum(M.RateLimited, 'rate limited')], [saleMetric(M.AbuseAuditBacklog, { statistic: 'Maximum', label: 'audit backlog' })]),
      ...(api ? [graph(saleWidgets.latency, hotRoutes.map((r) => routeLatency(api, props.stageName, r)))] : []),
      graph(saleWidgets.pushes, [perSecond(M.PushCalls, 'calls/s'), perSecond(M.PushFailures, 'failures/s')]),
      graph(
        saleWidgets.lambda,
        [new Metric({ namespace: 'AWS/Lambda', metricName: 'ConcurrentExecutions', statistic: 'Maximum', period: Duration.minutes(1), label: 'concurrent executions' })],
        [new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: Duration.minutes(1), label: 'throttles' })],
      ),
      graph(saleWidgets.dependencies, [sum(M.DependencyUnavailable, '503 dependency unavailable')]),
    );
  }
}

function routeLatency(api: RestApi, stageName: string, route: (typeof hotRoutes)[number]): Metric {
  return new Metric({
    namespace: 'AWS/ApiGateway',
    metricName: 'Latency',
    dimensionsMap: { ApiName: api.restApiName, Stage: stageName, Resource: route.path, Method: route.method },
    statistic: 'p99',
    period: Duration.minutes(1),
    label: route.label,
  });
}
