import { QueryCommand, type DynamoClient, type QueryCommandOutput } from '#platform/clients/dynamo-commands';
import type { AbuseAuditEntry, AbuseAuditFilter } from '#domain/abuse/audit';
import { validationFailed } from '#platform/errors';
import type { AbuseAudit } from '#services/abuse/ports';
import { abuseAuditEntryOf } from './abuse-audit';
import { ABUSE_AUDIT_SHARDS, gsi1, gsi2, keys } from './keys';

const DAY_MS = 86_400_000;
/**
 * What one request may spend. `queries`: a first page of every shard of a day (ABUSE_AUDIT_SHARDS) and, on a sparse
 * filter, more pages before it answers a short page with a cursor. `filteredRead`: items read per query when a filter
 * expression drops some (DynamoDB applies Limit before the filter).
 */
const PAGE_BUDGET = { queries: 3 * ABUSE_AUDIT_SHARDS, filteredRead: 100 };

type Key = Record<string, string>;
interface Cursor {
  /** The day being walked (unfiltered by user or concert). */
  d?: string;
  /** Keyset: the next page holds the items whose sort key is below this one. */
  s?: string;
}
interface IndexChoice {
  name: 'GSI1' | 'GSI2';
  pk: 'GSI1PK' | 'GSI2PK';
  sk: 'GSI1SK' | 'GSI2SK';
  partitions: string[];
}
/** One partition's place in the merge: items read but not yet merged, and where its next query starts. */
interface Stream {
  pk: string;
  buffer: Record<string, unknown>[];
  next?: Key;
  /** The sort key of the last item its queries evaluated: everything above it has been read. */
  frontier?: string;
  done: boolean;
}

/**
 * Reads the abuse audit newest first: by day, by user (GSI1) or by concert (GSI2); action, result and rule are filter
 * expressions on whichever of those the query uses. A day's and a concert's items are spread over ABUSE_AUDIT_SHARDS
 * partitions (keys.ts), so a read queries every shard and merges them by sort key (`<at>#<auditId>`, unique): the
 * cursor is the last sort key answered, and the next page starts below it in every shard. Apart from the writer
 * (abuse-audit.ts) so the guarded hot paths, which only write, do not carry it.
 */
export function dynamoAbuseAuditReader(
  db: () => DynamoClient,
  table: () => string,
  opts: { retentionDays: () => number; now: () => Date; budget?: typeof PAGE_BUDGET },
): Pick<AbuseAudit, 'query'> {
  const budget = opts.budget ?? PAGE_BUDGET;
  return {
    async query(filter, { limit, cursor }) {
      const to = filter.to ?? opts.now().toISOString();
      const from = filter.from ?? new Date(Date.parse(to) - opts.retentionDays() * DAY_MS).toISOString();
      const index: IndexChoice | undefined = filter.userId
        ? { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', partitions: [gsi1.abuseAuditOfUser(filter.userId, '', '').GSI1PK] }
        : filter.concertId
          ? { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK', partitions: gsi2.abuseAuditShardsOfConcert(filter.concertId) }
          : undefined;
      const sk = index?.sk ?? 'SK';
      const conditions = filterExpression(filter, Boolean(index));
      let state: Cursor | undefined = cursor ? decodeCursor(cursor) : index ? {} : { d: to.slice(0, 10) };
      const items: AbuseAuditEntry[] = [];
      let queries = 0;

      const read = async (stream: Stream, below: string | undefined) => {
        // A cursor from a query with a later `from` has nothing left here (and BETWEEN refuses a reversed range).
        if (below !== undefined && below < from) return void (stream.done = true);
        queries++;
        const res: QueryCommandOutput = await db().send(
          new QueryCommand({
            TableName: table(),
            ...(index ? { IndexName: index.name } : {}),
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ...(conditions.expression ? { FilterExpression: conditions.expression } : {}),
            ExpressionAttributeNames: { '#pk': index?.pk ?? 'PK', '#sk': sk, ...conditions.names },
            // BETWEEN is inclusive: the cursor's own item is read again (in one shard) and dropped.
            ExpressionAttributeValues: { ':pk': stream.pk, ':from': from, ':to': below ?? `${to}#\uffff`, ...conditions.values },
            ScanIndexForward: false,
            // One more than the page needs: the cursor's own item may be among them.
            Limit: conditions.expression ? budget.filteredRead : limit - items.length + 1,
            ...(stream.next ? { ExclusiveStartKey: stream.next } : {}),
          }),
        );
        stream.buffer.push(...(res.Items ?? []).filter((item) => item[sk] !== below));
        stream.next = res.LastEvaluatedKey as Key | undefined;
        stream.frontier = stream.next?.[sk];
        stream.done = !stream.next;
      };

      while (state && items.length < limit) {
        const below = state.s;
        const streams: Stream[] = (index?.partitions ?? keys.abuseAuditShardsOfDay(state.d as string)).map((pk) => ({ pk, buffer: [], done: false }));
        // A k-way merge: the newest head is answered only while no partition that may hold a newer item is unread.
        while (items.length < limit) {
          const starving = streams.filter((st) => !st.done && st.buffer.length === 0);
          if (starving.length === 0) {
            const head = newestHead(streams, sk);
            if (!head) break;
            items.push(abuseAuditEntryOf(head.buffer.shift() as Record<string, unknown>));
          } else if (queries + starving.length <= budget.queries) await Promise.all(starving.map((st) => read(st, below)));
          else break;
        }
        const open = streams.filter((st) => !st.done);
        if (items.length >= limit) {
          if (open.length > 0 || streams.some((st) => st.buffer.length > 0)) state = { ...state, s: sortKeyOf(items.at(-1) as AbuseAuditEntry) };
          else if (!index && state.d && state.d > from.slice(0, 10)) state = { d: previousDay(state.d) };
          else state = undefined;
          break;
        }
        if (open.length > 0) {
          // Out of queries. Everything above every open partition's frontier has been read: answer it, resume below.
          const frontiers = open.map((st) => st.frontier);
          if (frontiers.every((f) => f !== undefined)) {
            const safe = (frontiers as string[]).sort().at(-1) as string;
            for (let head = newestHead(streams, sk); head && items.length < limit && String(head.buffer[0]?.[sk]) >= safe; head = newestHead(streams, sk)) {
              items.push(abuseAuditEntryOf(head.buffer.shift() as Record<string, unknown>));
            }
            state = { ...state, s: items.length >= limit ? sortKeyOf(items.at(-1) as AbuseAuditEntry) : safe };
          }
          break;
        }
        state = !index && state.d && state.d > from.slice(0, 10) ? { d: previousDay(state.d) } : undefined;
      }
      return { items, nextCursor: state ? Buffer.from(JSON.stringify(state)).toString('base64url') : null };
    },
  };
}

/** The partition whose next item is the newest, or undefined when every buffer is empty. */
function newestHead(streams: Stream[], sk: string): Stream | undefined {
  let best: Stream | undefined;
  for (const st of streams) {
    const head = st.buffer[0];
    if (head && (!best || String(head[sk]) > String(best.buffer[0]?.[sk]))) best = st;
  }
  return best;
}

/** An entry's sort key, the same on the table and both indexes (keys.ts). */
const sortKeyOf = (entry: AbuseAuditEntry) => `${entry.at}#${entry.auditId}`;

function filterExpression(f: AbuseAuditFilter, onIndex: boolean) {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const parts: string[] = [];
  const fields = { action: f.action, result: f.result, rule: f.rule, ...(onIndex && f.userId ? { concertId: f.concertId } : {}) };
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    parts.push(`#${field} = :${field}`);
  }
  return { expression: parts.join(' AND '), names, values };
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);

function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if ((c.s === undefined || (typeof c.s === 'string' && c.s.length <= 200)) && (c.d === undefined || /^\d{4}-\d{2}-\d{2}$/.test(c.d))) return c;
  } catch {
    // falls through to the validation error
  }
  throw validationFailed([{ in: 'query', path: 'cursor', message: 'is not a cursor this list returned' }]);
}
