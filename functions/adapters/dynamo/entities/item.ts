import * as z from 'zod/mini';

/** The table's two secondary indexes; each entity module names the access pattern it serves with them. */
export const GSI1 = 'GSI1';
export const GSI2 = 'GSI2';

/**
 * Reads a stored item as its record: drops the storage attributes (keys, index keys, bookkeeping) the entity names,
 * then checks the record's fields against the entity's schema. Schemas are loose: an attribute the schema does not
 * name passes through as it did when it was written. A malformed item is a bug or a bad migration, never user input:
 * it throws (the platform answers 500).
 */
export function recordOf<S extends z.ZodMiniType>(entity: string, schema: () => S, item: Record<string, unknown>, storage: readonly string[]): z.output<S> {
  const record: Record<string, unknown> = { ...item };
  for (const attribute of storage) delete record[attribute];
  const parsed = schema().safeParse(record);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(item)'}: ${i.message}`).join('; ');
  throw new Error(`malformed ${entity} item ${String(item.PK)}/${String(item.SK)}: ${problems}`);
}

/**
 * An entity's schema, built on its first read. Call it as `/* @__PURE__ *\/ schemaOnce(() => …)`: a bundle that only
 * writes the item (the hold writes the reservation) then neither carries the schema nor builds it at cold start.
 */
export function schemaOnce<S>(build: () => S): () => S {
  let schema: S | undefined;
  return () => (schema ??= build());
}
