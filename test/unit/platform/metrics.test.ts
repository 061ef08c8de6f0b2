import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Metric } from '#platform/metric-names';
import { count, flushMetrics, gauge } from '#platform/metrics';
import { recordTickMetrics } from '../../../functions/workers/admission-loop';
import type { TickReport } from '#services/waiting-room/admission-tick';

const functionsDir = join(import.meta.dirname, '../../../functions');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

function flushed(): Record<string, unknown> | undefined {
  let line: string | undefined;
  flushMetrics((l) => (line = l));
  return line === undefined ? undefined : JSON.parse(line);
}

describe('the metrics the code emits', () => {
  it('has an emitter for every metric the sale dashboard and the alarms read', () => {
    // The dashboard and alarms can only name metrics from metric-names.ts (test/infra/operations.test.ts checks the
    // dashboard shows each); here each of those names must appear in Lambda code that writes metrics.
    const emitters = sources(functionsDir)
      .filter((f) => !f.endsWith('metric-names.ts'))
      .map((f) => ({ file: relative(functionsDir, f), text: readFileSync(f, 'utf8') }))
      .filter(({ text }) => /from '(#platform\/metrics|\.\.?\/metrics)'/.test(text));
    const unemitted = Object.values(Metric).filter((name) => !emitters.some(({ text }) => text.includes(`'${name}'`)));
    expect(unemitted).toEqual([]);
  });

  it('writes one EMF line per invocation in the TicketRush namespace with the service dimension, and nothing when idle', () => {
    expect(flushed()).toBeUndefined();
    count('HoldsWon');
    count('HoldsWon', 2);
    count('HoldsLost', 0);
    gauge('QueueWaiting', 0);
    const line = flushed();
    expect(line).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'TicketRush', Dimensions: [['service']], Metrics: [{ Name: 'HoldsWon', Unit: 'Count' }, { Name: 'QueueWaiting', Unit: 'Count' }] }] },
      service: 'ticketrush',
      HoldsWon: [1, 2],
      QueueWaiting: 0,
    });
    expect(line).not.toHaveProperty('HoldsLost');
    expect(flushed()).toBeUndefined();
  });

  it("turns an admission invocation's ticks into the waiting-room metrics", () => {
    const report = (concertId: string, r: Partial<TickReport>): TickReport => ({ concertId, admitted: 0, lapsed: 0, waiting: 0, active: 0, prequeue: 0, pushCalls: 0, pushFailures: 0, ...r });
    recordTickMetrics([
      [report('a', { admitted: 5, waiting: 100, active: 5, pushCalls: 7 }), report('b', { admitted: 1, lapsed: 2, waiting: 10, active: 3, pushCalls: 2, pushFailures: 1 })],
      [],
      [report('a', { waiting: 95, active: 10, lapsed: 1 })],
    ]);
    expect(flushed()).toMatchObject({
      AdmissionTicks: 3,
      QueueWaiting: [110, 95],
      QueueActive: [8, 10],
      Admitted: 6,
      Lapsed: 3,
      PushCalls: 9,
      PushFailures: 1,
    });
  });
});
