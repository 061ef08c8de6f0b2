import { PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { AbuseAuditEntry, AbuseAuditFilter } from '#domain/abuse/audit';
import { validationFailed } from '#platform/errors';
import type { AbuseAudit } from '#services/abuse/ports';
import { EVENT_ENTITIES, TTL_ATTRIBUTE, gsi1, gsi2, keys } from './keys';

const DAY_MS = 86_400_000;
/** Queries one request may spend on a sparse filter before it answers a short page with a cursor. */
const MAX_QUERIES = 10;
/** Items read per query when a filter expression drops some (DynamoDB applies Limit before the filter). */
const FILTERED_READ = 100;

type Key = Record<string, string>;
interface Cursor {
  /** The day partition being walked (unfiltered by user or concert). */
  d?: string;
  k?: Key;
}

/**
 * The abuse audit: one item per audited attempt, findable by day (newest first), by user (GSI1) and by concert
 * (GSI2); action, result and rule are filter expressions on whichever of those the query uses. Items expire after
 * the configured retention (TTL).
 */
export function dynamoAbuseAudit(db: () => DynamoDBDocumentClient, table: () => string, opts: { retentionDays: () => number; now: () => Date }): AbuseAudit {
  return {
    async record(entry) {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: {
            ...keys.abuseAudit(entry.at.slice(0, 10), entry.at, entry.auditId),
            ...(entry.userId ? gsi1.abuseAuditOfUser(entry.userId, entry.at, entry.auditId) : {}),
            ...(entry.concertId ? gsi2.abuseAuditOfConcert(entry.concertId, entry.at, entry.auditId) : {}),
            entity: EVENT_ENTITIES.abuseAudit,
            ...entry,
            [TTL_ATTRIBUTE]: Math.floor(Date.parse(entry.at) / 1000) + opts.retentionDays() * 86_400,
          },
        }),
      );
    },

    async query(filter, { limit, cursor }) {
      const to = filter.to ?? opts.now().toISOString();
      const from = filter.from ?? new Date(Date.parse(to) - opts.retentionDays() * DAY_MS).toISOString();
      const index = filter.userId
        ? { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', value: gsi1.abuseAuditOfUser(filter.userId, '', '').GSI1PK }
        : filter.concertId
          ? { name: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK', value: gsi2.abuseAuditOfConcert(filter.concertId, '', '').GSI2PK }
          : undefined;
      const conditions = filterExpression(filter, Boolean(index));
      let state: Cursor | undefined = cursor ? decodeCursor(cursor) : index ? {} : { d: to.slice(0, 10) };
      const items: AbuseAuditEntry[] = [];
      for (let calls = 0; state && items.length < limit && calls < MAX_QUERIES; calls++) {
        const res: QueryCommandOutput = await db().send(
          new QueryCommand({
            TableName: table(),
            ...(index ? { IndexName: index.name } : {}),
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ...(conditions.expression ? { FilterExpression: conditions.expression } : {}),
            ExpressionAttributeNames: { '#pk': index?.pk ?? 'PK', '#sk': index?.sk ?? 'SK', ...conditions.names },
            ExpressionAttributeValues: { ':pk': index?.value ?? `ABUSE#${state.d}`, ':from': from, ':to': `${to}#\uffff`, ...conditions.values },
            ScanIndexForward: false,
            Limit: conditions.expression ? FILTERED_READ : limit - items.length,
            ...(state.k ? { ExclusiveStartKey: state.k } : {}),
          }),
        );
        const found = res.Items ?? [];
        const room = limit - items.length;
        items.push(...found.slice(0, room).map(abuseAuditEntryOf));
        if (found.length > room) {
          state = { ...state, k: keyOf(found[room - 1] as Record<string, unknown>, index) };
          break;
        }
        if (res.LastEvaluatedKey) state = { ...state, k: res.LastEvaluatedKey as Key };
        else state = !index && state.d && state.d > from.slice(0, 10) ? { d: previousDay(state.d) } : undefined;
      }
      return { items, nextCursor: state ? Buffer.from(JSON.stringify(state)).toString('base64url') : null };
    },
  };
}

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

/** The ExclusiveStartKey of an item on the base table or an index: the table's key plus the index's. */
function keyOf(item: Record<string, unknown>, index: { pk: string; sk: string } | undefined): Key {
  const pick = (...names: string[]) => Object.fromEntries(names.map((n) => [n, String(item[n])]));
  return index ? pick('PK', 'SK', index.pk, index.sk) : pick('PK', 'SK');
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) - DAY_MS).toISOString().slice(0, 10);

/** An audit item without its keys and bookkeeping: the entry as written. */
export function abuseAuditEntryOf(item: Record<string, unknown>): AbuseAuditEntry {
  const { PK: _pk, SK: _sk, GSI1PK: _a, GSI1SK: _b, GSI2PK: _c, GSI2SK: _d, [TTL_ATTRIBUTE]: _ttl, entity: _entity, ...entry } = item;
  return entry as unknown as AbuseAuditEntry;
}

function decodeCursor(cursor: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    const validKey = c.k === undefined || (typeof c.k === 'object' && Object.values(c.k).every((v) => typeof v === 'string'));
    if (validKey && (c.d === undefined || /^\d{4}-\d{2}-\d{2}$/.test(c.d))) return c;
  } catch {
    // falls through to the validation error
  }
  throw validationFailed([{ in: 'query', path: 'cursor', message: 'is not a cursor this list returned' }]);
}
