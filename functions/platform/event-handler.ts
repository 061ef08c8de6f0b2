import type { EventBridgeEvent } from 'aws-lambda';
import { safeParse } from 'zod/v4/core';
import './zod-locale';
import { eventSchemas, type ParsedEvent } from '#domain/event-schemas';
import type { DetailType } from '#domain/events';
import { InputContractError, worker } from './worker';

/**
 * An EventBridge rule target for `detailTypes` (a worker, see ./worker): `fn` gets the detail parsed by that type's
 * schema. An event that breaks its contract fails with the reason and, after EventBridge's retries, lands in the
 * rule's DLQ. Apart from ./worker so scheduled and SQS workers do not bundle the event schemas.
 */
export function eventHandler<T extends DetailType, R>(detailTypes: readonly T[], fn: (event: ParsedEvent<T>) => Promise<R>) {
  const accepted = new Set<string>(detailTypes);
  return worker(async (event: EventBridgeEvent<string, unknown>) => {
    const detailType = event['detail-type'];
    if (!accepted.has(detailType)) throw new InputContractError(`This target does not take ${detailType} events`);
    const parsed = safeParse(eventSchemas[detailType as T], event.detail);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new InputContractError(`${detailType} detail breaks its contract — ${issues}`);
    }
    return fn({ detailType, detail: parsed.data } as ParsedEvent<T>);
  });
}

