import type { AttributeValue as StreamAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TableChange } from '#domain/change-events';
import { abuseAuditEntryOf } from './abuse-audit';
import { EVENT_ENTITIES } from './keys';
import { paymentIntentFromItem } from './entities/payment-intent';
import { releasedSeatIdsOf, reservationFromItem } from './entities/reservation';

type Image = Record<string, unknown>;

const imageOf = (image: Record<string, StreamAttributeValue> | undefined): Image | undefined =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

/**
 * A change-stream record as the write it reports (NEW_AND_OLD_IMAGES): which item, before and after. Undefined for a
 * deletion or an item no event follows from (the event source's filter should have passed only the others).
 */
export function tableChangeOf(record: DynamoDBRecord): TableChange | undefined {
  const before = imageOf(record.dynamodb?.OldImage);
  const after = imageOf(record.dynamodb?.NewImage);
  if (!after) return undefined;
  switch (after.entity) {
    case EVENT_ENTITIES.reservation:
      return {
        kind: 'reservation',
        ...(before ? { before: reservationFromItem(before) } : {}),
        after: reservationFromItem(after),
        releasedSeatIds: releasedSeatIdsOf(after),
      };
    case EVENT_ENTITIES.paymentIntent:
      return { kind: 'paymentIntent', ...(before ? { before: paymentIntentFromItem(before) } : {}), after: paymentIntentFromItem(after) };
    case EVENT_ENTITIES.abuseAudit:
      return { kind: 'abuseAudit', created: !before, entry: abuseAuditEntryOf(after) };
  }
  return undefined;
}
