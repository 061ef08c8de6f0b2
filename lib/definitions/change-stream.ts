/**
 * The change-stream event source's filter, read by the CDK construct (a Lambda filter pattern) and by the local
 * cloud's stream reader, so both pass the same records: inserts and updates of the listed entities.
 */
export function changeStreamFilter(entities: readonly string[]) {
  return { eventName: ['INSERT', 'MODIFY'], dynamodb: { NewImage: { entity: { S: [...entities] } } } };
}

/** The filter above, applied to one stream record (the local cloud's event source). */
export function passesChangeStreamFilter(
  record: { eventName?: string; dynamodb?: { NewImage?: Record<string, { S?: string }> } },
  entities: readonly string[],
): boolean {
  const pattern = changeStreamFilter(entities);
  const entity = record.dynamodb?.NewImage?.entity?.S;
  return pattern.eventName.includes(record.eventName ?? '') && entity !== undefined && pattern.dynamodb.NewImage.entity.S.includes(entity);
}
