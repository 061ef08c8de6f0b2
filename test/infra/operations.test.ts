import { describe, expect, it } from 'vitest';
import { Metric } from '../../functions/platform/metric-names';
import { saleWidgets } from '../../lib/constructs/sale-dashboard';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { stageConfigs } from '../../lib/stage-config';
import { buildApp } from './build-app';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('alarms that reach someone, and the sale dashboard (real manifest)', () => {
  const dev = buildApp({ stage: 'dev', manifest: systemManifest });
  const resources = dev.appTemplate.toJSON().Resources as Resources;
  const ofType = (type: string, from: Resources = resources) => Object.entries(from).filter(([, r]) => r.Type === type);
  const [topicId] = ofType('AWS::SNS::Topic')[0]!;
  const alarms = ofType('AWS::CloudWatch::Alarm');
  const alarm = (idPart: string) => {
    const found = alarms.filter(([id]) => id.includes(idPart));
    expect(found, idPart).toHaveLength(1);
    return found[0]![1].Properties;
  };

  it('gives every alarm the alarm topic as its alarm and OK action', () => {
    expect(ofType('AWS::SNS::Topic')).toHaveLength(1);
    expect(alarms.length).toBeGreaterThan(15);
    for (const [id, a] of alarms) {
      expect(a.Properties.AlarmActions, id).toEqual([{ Ref: topicId }]);
      expect(a.Properties.OKActions, id).toEqual([{ Ref: topicId }]);
    }
  });

  it('subscribes the endpoints of the stage config to the topic', () => {
    const subscriptions = (r: Resources) => ofType('AWS::SNS::Subscription', r).map(([, s]) => [s.Properties.Protocol, s.Properties.Endpoint]);
    expect(subscriptions(resources)).toEqual([['email', stageConfigs.dev.alarms.email]]);
    const prod = buildApp({ stage: 'prod', manifest: systemManifest }).appTemplate.toJSON().Resources as Resources;
    expect(subscriptions(prod).sort()).toEqual([
      ['email', stageConfigs.prod.alarms.email],
      ['https', stageConfigs.prod.alarms.chatWebhookUrl],
    ]);
  });

  it('alarms on throttling along the hot path with the thresholds of the stage config', () => {
    const t = stageConfigs.dev.alarms;
    const api4xx = alarm('Api4xxRate');
    expect([api4xx.MetricName, api4xx.Statistic, api4xx.Threshold]).toEqual(['4XXError', 'Average', t.api4xxRate]);
    const lambda = alarm('LambdaThrottles');
    expect([lambda.Namespace, lambda.MetricName, lambda.Threshold, lambda.Dimensions]).toEqual(['AWS/Lambda', 'Throttles', t.lambdaThrottlesPerMinute, undefined]);
    const table = alarm('TableThrottles');
    expect(JSON.stringify(table.Metrics)).toMatch(/ReadThrottleEvents.*WriteThrottleEvents/);
    expect(table.Threshold).toBe(t.dynamoThrottlesPerMinute);
    for (const queue of ['JoinQueue', 'WebhookQueue']) {
      const age = alarm(`${queue}OldestMessage`);
      expect([age.MetricName, age.Threshold], queue).toEqual(['ApproximateAgeOfOldestMessage', t.queueOldestMessageSeconds]);
    }
    const ticks = alarm('AdmissionTicksMissed');
    const rendered = JSON.stringify(ticks.Metrics);
    expect(rendered).toContain(`FILL(ticks, 0) < ${t.admissionTicksPerMinute}`);
    expect(rendered).toContain(`"MetricName":"${Metric.AdmissionTicks}"`);
    expect(rendered).toContain(`"MetricName":"${Metric.QueueWaiting}"`);
    expect(rendered).toContain('"Namespace":"TicketRush"');
    expect(alarm('DeadlineExecutionsFailed').MetricName).toBe('ExecutionsFailed');
    const backlog = alarm('AbuseAuditBacklog');
    expect([backlog.Namespace, backlog.MetricName, backlog.Statistic, backlog.Threshold]).toEqual(['TicketRush', Metric.AbuseAuditBacklog, 'Maximum', t.abuseAuditBacklogRows]);
    const dlqDepths = alarms.filter(([id]) => /DeadLetter.*Depth|Dlq.*Depth/i.test(id));
    expect(dlqDepths.length).toBeGreaterThanOrEqual(2);
    for (const [, d] of dlqDepths) expect([d.Properties.MetricName, d.Properties.Threshold]).toEqual(['ApproximateNumberOfMessagesVisible', 0]);
  });

  it('takes thresholds from the stage: prod tolerates more 429s than dev', () => {
    const prod = buildApp({ stage: 'prod', manifest: systemManifest }).appTemplate.toJSON().Resources as Resources;
    const api4xx = ofType('AWS::CloudWatch::Alarm', prod).find(([id]) => id.includes('Api4xxRate'))![1];
    expect(api4xx.Properties.Threshold).toBe(stageConfigs.prod.alarms.api4xxRate);
    expect(stageConfigs.prod.alarms.api4xxRate).not.toBe(stageConfigs.dev.alarms.api4xxRate);
  });

  it('builds the sale dashboard from the emitted metric names, with every named widget', () => {
    const dashboards = ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const title of Object.values(saleWidgets)) expect(body, title).toContain(`\\"title\\":\\"${title}\\"`);
    for (const name of Object.values(Metric)) expect(body, name).toContain(`\\"TicketRush\\",\\"${name}\\"`);
    // p99 per hot route from API Gateway's per-method metrics, Lambda concurrency and throttles.
    expect(body).toContain('\\"Method\\",\\"POST\\",\\"Resource\\",\\"/v1/reservations\\",\\"Stage\\",\\"dev\\"');
    expect(body).toContain('\\"stat\\":\\"p99\\"');
    expect(body).toContain('\\"AWS/Lambda\\",\\"ConcurrentExecutions\\"');
  });
});
