import type { ScheduledEvent } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { ScheduleDefinition } from '../../lib/capabilities/types';
import { invoke } from '../invoke';
import { localLog } from '../log';

export interface RunningSchedule {
  stop(): Promise<void>;
}

/**
 * Invokes a scheduled handler every `localIntervalMs`, with the EventBridge scheduled-event shape, while its rule
 * is enabled (`isEnabled`; an armed schedule is switched by EnableRule/DisableRule). The next run is timed from the
 * end of the previous one, so runs never overlap.
 */
export function runSchedule(definition: ScheduleDefinition, isEnabled: () => boolean = () => true): RunningSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const tick = () => {
    current = (async () => {
      const event: ScheduledEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: '000000000000',
        time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: 'us-east-1',
        resources: [`arn:aws:events:us-east-1:000000000000:rule/${definition.id}`],
        detail: {},
      };
      try {
        if (isEnabled()) await invoke(definition.handler, event);
      } catch (e) {
        localLog.error('scheduled handler failed', e, { schedule: definition.id });
      }
      if (!stopped) timer = setTimeout(tick, definition.localIntervalMs);
    })();
  };
  timer = setTimeout(tick, definition.localIntervalMs);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
