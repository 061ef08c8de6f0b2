import { describe, expect, it } from 'vitest';
import { systemManifest } from '../../lib/stacks/system-manifest';
import { buildApp } from './build-app';

describe('the armed admission-loop schedule (real app, prod)', () => {
  const { appTemplate: t } = buildApp({ stage: 'prod', manifest: systemManifest });
  const rules = Object.values(t.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(1 minute)' } }));
  const fnProps = (handler: string) => Object.values(t.findResources('AWS::Lambda::Function', { Properties: { Description: handler } }))[0]!.Properties;

  it('deploys the loop rule disabled, under a name its switchers know without a reference', () => {
    const armed = rules.filter((r) => r.Properties.State === 'DISABLED');
    expect(armed).toHaveLength(1);
    expect(armed[0]!.Properties.Name).toBe('App-AdmissionLoop');
    // Every other schedule (the overdue sweep) stays on.
    expect(rules.length - armed.length).toBeGreaterThan(0);
  });

  it('lets the join, the buffered-join consumer and the loop switch exactly that rule', () => {
    for (const handler of ['http/queue.joinQueue', 'workers/join-consumer.handler', 'workers/admission-loop.handler']) {
      expect(fnProps(handler).Environment.Variables.ADMISSION_LOOP_RULE_NAME, handler).toBe('App-AdmissionLoop');
    }
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>);
    const switching = statements.filter((s) => JSON.stringify(s.Action).includes('events:EnableRule'));
    expect(switching.length).toBeGreaterThanOrEqual(3);
    for (const s of switching) {
      expect(s.Action).toEqual(['events:EnableRule', 'events:DisableRule']);
      expect(JSON.stringify(s.Resource)).toContain(':rule/App-AdmissionLoop');
    }
    // The status poll does not arm anything.
    expect(fnProps('http/queue.getMyQueueStatus').Environment.Variables.ADMISSION_LOOP_RULE_NAME).toBeUndefined();
  });
});
