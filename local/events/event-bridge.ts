import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { EventRuleDefinition } from '../../lib/capabilities/types';
import { EVENT_SOURCE } from '../../functions/domain/events';
import { AwsServiceError, awsJsonEndpoint } from '../aws-json-endpoint';
import { invoke } from '../invoke';
import { localLog } from '../log';
import type { Background } from '../background';
import type { RuleStates } from './rule-states';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | number;
}

/** EventBridge's cap on one PutEvents call. */
const MAX_ENTRIES = 10;

/**
 * A PutEvents endpoint that routes each entry by the rules CDK declares (source EVENT_SOURCE and a listed
 * detail-type) and invokes the targets asynchronously, as EventBridge does: a failing target is logged, the
 * publisher never sees it.
 */
export function eventBridgeEndpoint(rules: EventRuleDefinition[], background: Background, ruleStates?: RuleStates) {
  const switchRule = (input: Record<string, unknown>, enabled: boolean) => {
    const name = String(input.Name ?? '');
    if (!ruleStates?.has(name)) throw new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist`);
    ruleStates.set(name, enabled);
    return {};
  };

  function deliver(entry: PutEventsEntry, id: string): void {
    const matching = rules.filter((r) => entry.Source === EVENT_SOURCE && r.detailTypes.includes(entry.DetailType ?? ''));
    if (!matching.length) return;
    const event: EventBridgeEvent<string, unknown> = {
      version: '0',
      id,
      'detail-type': entry.DetailType ?? '',
      source: entry.Source ?? '',
      account: '000000000000',
      time: toIso(entry.Time),
      region: 'us-east-1',
      resources: entry.Resources ?? [],
      detail: JSON.parse(entry.Detail ?? '{}'),
    };
    for (const rule of matching) {
      background.run(`event rule ${rule.id}`, () =>
        invoke(rule.target, structuredClone(event)).catch((e) => localLog.error('event target failed', e, { rule: rule.id, detailType: event['detail-type'] })),
      );
    }
  }

  return awsJsonEndpoint('AWSEvents', 'application/x-amz-json-1.1', {
    DescribeRule(input) {
      const name = String(input.Name ?? '');
      if (!ruleStates?.has(name)) throw new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist`);
      return { Name: name, State: ruleStates.isEnabled(name) ? 'ENABLED' : 'DISABLED', ScheduleExpression: 'rate(1 minute)' };
    },
    EnableRule: (input) => switchRule(input, true),
    DisableRule: (input) => switchRule(input, false),
    PutEvents(input) {
      const entries = (input.Entries ?? []) as PutEventsEntry[];
      if (!Array.isArray(entries) || entries.length < 1 || entries.length > MAX_ENTRIES) {
        throw new AwsServiceError('ValidationException', `Entries must hold 1 to ${MAX_ENTRIES} events`);
      }
      const results = entries.map((entry) => {
        if (!entry.Source || !entry.DetailType || !entry.Detail) {
          return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Source, DetailType and Detail are required' };
        }
        try {
          JSON.parse(entry.Detail);
        } catch {
          return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is not valid JSON' };
        }
        const id = randomUUID();
        deliver(entry, id);
        return { EventId: id };
      });
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
  });
}

function toIso(time: string | number | undefined): string {
  if (time === undefined) return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  return new Date(typeof time === 'number' ? time * 1000 : time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
