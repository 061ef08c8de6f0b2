/** Copies the domain fields out of a stored item, leaving keys, TTL and bookkeeping attributes behind. */
export const pickFields = <T>(item: Record<string, unknown>, fields: readonly string[]): T =>
  Object.fromEntries(fields.filter((f) => item[f] !== undefined).map((f) => [f, item[f]])) as T;
