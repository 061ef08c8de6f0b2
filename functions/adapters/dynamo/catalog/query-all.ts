import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '#platform/clients/dynamo';

/** Every item of a query, following LastEvaluatedKey; `maxPages` bounds the loop. */
export async function queryAll<T = Record<string, unknown>>(input: Omit<QueryCommandInput, 'TableName'>, maxPages = 1_000): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < maxPages; page++) {
    const out = await dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
    if (!start) return items;
  }
  throw new Error(`Query exceeded ${maxPages} pages`);
}
