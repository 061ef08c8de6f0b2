import { QueryCommand, type DynamoClient, type QueryCommandInput } from '#platform/clients/dynamo-commands';

/** Every item of a query, following LastEvaluatedKey; `maxPages` bounds the loop. */
export async function queryAll<T = Record<string, unknown>>(
  db: () => DynamoClient,
  table: () => string,
  input: Omit<QueryCommandInput, 'TableName'>,
  maxPages = 1_000,
): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await db().send(new QueryCommand({ ...input, TableName: table(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
    if (!start) return items;
  }
  throw new Error(`Query exceeded ${maxPages} pages`);
}
