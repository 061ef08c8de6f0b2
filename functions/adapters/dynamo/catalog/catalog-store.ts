import { ConditionalCheckFailedException } from '#platform/clients/dynamo-errors';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '#platform/clients/dynamo-commands';
import { validationFailed } from '#domain/errors';
import { gsi1, gsi2, keys, TTL_ATTRIBUTE } from '#adapters/dynamo/keys';
import { decodeCursorJson, encodeCursor } from '#domain/catalog/cursor';
import { CATALOG_LIST_INDEX, catalogEntityFromItem, catalogEntityToItem, catalogKey, listSortKey, showToItem } from '#adapters/dynamo/entities/catalog-entity';
import { RESERVATIONS_OF_CONCERT_INDEX } from '#adapters/dynamo/entities/reservation';
import { concertIdOfPolicyItem, salesPolicyKey, storedPolicyFromItem } from '#adapters/dynamo/entities/sales-policy';
import type { Concert, Show, StoredSalesPolicy } from '#domain/catalog/types';
import type { CatalogStore, CreationClaim, Entities, EntityKind, Page } from '#services/catalog/ports';
import { queryAll } from './query-all';

/**
 * Catalog entities in the single table: the items are defined in ../entities/catalog-entity.ts (artist, agency,
 * venue, concert, show) and ../entities/sales-policy.ts (read here for the detail summary). The reservations of a
 * concert (GSI2 `CONCERT#<id>#<shard>` / `RES#…`, written by holds) are looked for here before a delete.
 */
const CREATION_TTL_SECONDS = 24 * 3600;

const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException;

function decodeListCursor(kind: EntityKind, cursor: string): Record<string, string> {
  const key = decodeCursorJson(cursor) as Record<string, unknown> | undefined;
  const fields = ['PK', 'SK', 'GSI1PK', 'GSI1SK'];
  const valid =
    key && typeof key === 'object' && Object.keys(key).length === 4 && fields.every((f) => typeof key[f] === 'string') && key.GSI1PK === gsi1.catalogList(kind);
  if (!valid) throw validationFailed([{ in: 'query', path: 'cursor', message: 'Not a cursor this list issued' }]);
  return key as Record<string, string>;
}

export function dynamoCatalogStore(db: () => DynamoClient, table: () => string): CatalogStore {
  const store: CatalogStore = {
    async create<K extends EntityKind>(kind: K, entity: Entities[K]): Promise<boolean> {
      const item = catalogEntityToItem(kind, entity);
      try {
        await db().send(new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(PK)' }));
        return true;
      } catch (e) {
        if (isConditionFailure(e)) return false;
        throw e;
      }
    },

    async get<K extends EntityKind>(kind: K, id: string): Promise<Entities[K] | undefined> {
      const out = await db().send(new GetCommand({ TableName: table(), Key: catalogKey[kind](id) }));
      return out.Item ? catalogEntityFromItem(kind, out.Item) : undefined;
    },

    async update<K extends EntityKind>(kind: K, id: string, changes: Partial<Entities[K]>): Promise<Entities[K] | undefined> {
      const set: Record<string, unknown> = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
      if ('name' in set && kind !== 'CONCERT') set.GSI1SK = listSortKey(kind, id, set.name);
      const names = Object.keys(set);
      if (names.length === 0) return store.get(kind, id);
      try {
        const out = await db().send(
          new UpdateCommand({
            TableName: table(),
            Key: catalogKey[kind](id),
            UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#f${i}`, n])),
            ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n]])),
            ConditionExpression: 'attribute_exists(PK)',
            ReturnValues: 'ALL_NEW',
          }),
        );
        return out.Attributes ? catalogEntityFromItem(kind, out.Attributes) : undefined;
      } catch (e) {
        if (isConditionFailure(e)) return undefined;
        throw e;
      }
    },

    async remove(kind: EntityKind, id: string): Promise<void> {
      await db().send(new DeleteCommand({ TableName: table(), Key: catalogKey[kind](id) }));
    },

    async list<K extends EntityKind>(kind: K, limit: number, cursor?: string): Promise<Page<Entities[K]>> {
      const out = await db().send(
        new QueryCommand({
          TableName: table(),
          IndexName: CATALOG_LIST_INDEX,
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': gsi1.catalogList(kind) },
          Limit: limit,
          ExclusiveStartKey: cursor ? decodeListCursor(kind, cursor) : undefined,
        }),
      );
      return {
        items: (out.Items ?? []).map((i) => catalogEntityFromItem(kind, i)),
        nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : null,
      };
    },

    async listAll<K extends EntityKind>(kind: K): Promise<Entities[K][]> {
      const items = await queryAll(db, table, {
        IndexName: CATALOG_LIST_INDEX,
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': gsi1.catalogList(kind) },
      });
      return items.map((i) => catalogEntityFromItem(kind, i));
    },

    async putShow(concert: Concert, show: Show, seatCount: number): Promise<void> {
      await db().send(
        new PutCommand({
          TableName: table(),
          Item: showToItem(concert, show, seatCount),
        }),
      );
    },

    async removeShow(concertId: string, showId: string): Promise<void> {
      await db().send(new DeleteCommand({ TableName: table(), Key: keys.show(concertId, showId) }));
    },

    async hasReservations(concertId: string): Promise<boolean> {
      // The index is sharded (keys.ts): a reservation may sit in any shard, and one found ends the answer.
      const found = await Promise.all(
        gsi2.reservationShardsOfConcert(concertId).map(async (GSI2PK) => {
          const out = await db().send(
            new QueryCommand({
              TableName: table(),
              IndexName: RESERVATIONS_OF_CONCERT_INDEX,
              KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :res)',
              ExpressionAttributeValues: { ':pk': GSI2PK, ':res': 'RES#' },
              Limit: 1,
            }),
          );
          return (out.Items?.length ?? 0) > 0;
        }),
      );
      return found.includes(true);
    },

    async salesPolicy(concertId: string): Promise<StoredSalesPolicy | undefined> {
      const out = await db().send(new GetCommand({ TableName: table(), Key: salesPolicyKey(concertId) }));
      return out.Item ? storedPolicyFromItem(out.Item) : undefined;
    },

    async salesPolicies(concertIds: string[]): Promise<Map<string, StoredSalesPolicy>> {
      const found = new Map<string, StoredSalesPolicy>();
      for (let i = 0; i < concertIds.length; i += 100) {
        let pending: Record<string, unknown>[] | undefined = concertIds.slice(i, i + 100).map((id) => salesPolicyKey(id));
        for (let attempt = 0; pending?.length && attempt < 8; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * 25 * 2 ** attempt));
          const out: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: { [table()]: { Keys: pending } } }));
          for (const item of out.Responses?.[table()] ?? []) found.set(concertIdOfPolicyItem(item), storedPolicyFromItem(item));
          pending = out.UnprocessedKeys?.[table()]?.Keys;
        }
        if (pending?.length) throw new Error('BatchGet of sales policies kept returning unprocessed keys');
      }
      return found;
    },

    async removeSalesPolicy(concertId: string): Promise<void> {
      await db().send(new DeleteCommand({ TableName: table(), Key: salesPolicyKey(concertId) }));
    },

    async claimCreation(idempotencyKey: string, claim: CreationClaim): Promise<CreationClaim> {
      const Key = keys.idempotency('admin-concerts', idempotencyKey);
      try {
        await db().send(
          new PutCommand({
            TableName: table(),
            Item: { ...Key, ...claim, [TTL_ATTRIBUTE]: Math.floor(Date.now() / 1000) + CREATION_TTL_SECONDS },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return claim;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
      const out = await db().send(new GetCommand({ TableName: table(), Key, ConsistentRead: true }));
      const stored = out.Item as CreationClaim | undefined;
      if (!stored) throw new Error('Idempotency record vanished between its put and get');
      return { fingerprint: stored.fingerprint, concertId: stored.concertId, showIds: stored.showIds };
    },
  };
  return store;
}
