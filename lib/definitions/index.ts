import { capabilities } from '../capabilities';

export { tableDefinition } from './table';
export const queueDefinitions = capabilities.flatMap((c) => c.queues ?? []);
export const eventRuleDefinitions = capabilities.flatMap((c) => c.eventRules ?? []);
export const changeStreamDefinition = capabilities.find((c) => c.changeStream)?.changeStream;
export const scheduleDefinitions = capabilities.flatMap((c) => c.schedules ?? []);
