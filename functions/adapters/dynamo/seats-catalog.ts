import { BatchGetCommand, QueryCommand, type BatchGetCommandInput, type BatchGetCommandOutput, type DynamoClient } from '#platform/clients/dynamo-commands';
import type { SeatOffer } from '#domain/reservations/reservation';
import type { SeatCatalog } from '#services/reservations/ports';
import { gsi1, keys } from './keys';
import { dynamoSeatPartitions } from './seat-partitions';
import { offerFromSeatItem } from './entities/seat';

const BATCH_GET_LIMIT = 100;
const DEFAULT_TTL_MS = 5 * 60_000;
const DEFAULT_MAX_ENTRIES = 50_000;
/** A cold show is preloaded up to this many seats (about three 1 MB query pages); the rest are read on demand. */
const PRELOAD_SEATS = 15_000;

/**
 * Seat facts (concert, grade, price) change rarely, so they are remembered per warm Lambda instead of read on every
 * hold: a cold show is read whole, once, and a seat it did not cover is read on demand. That is safe because the hold transaction re-checks grade and price on each seat and reports a mismatch,
 * which refreshes the entry here and retries once.
 */
export function dynamoSeatCatalog(
  db: () => DynamoClient,
  table: () => string,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): SeatCatalog {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = options.now ?? Date.now;
  const known = new Map<string, { offer: SeatOffer; until: number }>();
  const showsSeen = new Set<string>();
  const cacheKey = (showId: string, seatId: string) => `${showId}\u0000${seatId}`;
  const partitions = dynamoSeatPartitions(db, table);

  function fresh(showId: string, seatId: string): boolean {
    return (known.get(cacheKey(showId, seatId))?.until ?? 0) > now();
  }

  function remember(showId: string, offer: SeatOffer): void {
    // Map keeps insertion order: dropping the oldest entry bounds memory without an LRU library.
    if (known.size >= maxEntries) known.delete(known.keys().next().value as string);
    known.set(cacheKey(showId, offer.seatId), { offer, until: now() + ttlMs });
  }

  /** Reads in flight, so a burst of buyers for the same cold seat shares one read. */
  const inFlight = new Map<string, Promise<SeatOffer | undefined>>();
  /** Whole-show loads, started by the first miss on a show and shared by every request that waits on it. */
  const showLoads = new Map<string, { load: Promise<void>; until: number }>();

  /**
   * A rush brings many buyers for many seats of one show to a cold instance at once: one read of the show's seat
   * partitions (up to PRELOAD_SEATS seats) answers them all instead of a read per seat. Seats beyond the preload
   * fall back to a BatchGet.
   */
  function loadShow(showId: string): Promise<void> {
    const current = showLoads.get(showId);
    if (current && current.until > now()) return current.load;
    const load = (async () => {
      for (const item of await partitions.query(showId, { maxItems: PRELOAD_SEATS })) remember(showId, offerFromSeatItem(item));
    })();
    // Expires with the entries it filled; a failed load is forgotten so the next request tries again.
    showLoads.set(showId, { load, until: now() + ttlMs });
    load.catch(() => showLoads.delete(showId));
    return load;
  }

  async function load(showId: string, seatIds: string[]): Promise<Map<string, SeatOffer>> {
    const found = new Map<string, SeatOffer>();
    for (let i = 0; i < seatIds.length; i += BATCH_GET_LIMIT) {
      let request: BatchGetCommandInput['RequestItems'] | undefined = {
        [table()]: { Keys: seatIds.slice(i, i + BATCH_GET_LIMIT).map((seatId) => keys.seat(showId, seatId)) },
      };
      // Unprocessed keys are retried a bounded number of times with jitter; the SDK retries throttles itself.
      for (let attempt = 0; request && attempt < 5; attempt++) {
        if (attempt) await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        const res: BatchGetCommandOutput = await db().send(new BatchGetCommand({ RequestItems: request }));
        for (const item of res.Responses?.[table()] ?? []) {
          const offer = offerFromSeatItem(item);
          remember(showId, offer);
          found.set(offer.seatId, offer);
        }
        request = res.UnprocessedKeys && Object.keys(res.UnprocessedKeys).length ? res.UnprocessedKeys : undefined;
      }
      if (request) throw new Error('DynamoDB left seat reads unprocessed after 5 attempts');
    }
    return found;
  }

  return {
    async offers(showId, seatIds) {
      if (seatIds.some((id) => !fresh(showId, id))) await loadShow(showId);
      const found = new Map<string, SeatOffer>();
      const waiting: Promise<void>[] = [];
      const missing: string[] = [];
      const t = now();
      for (const seatId of seatIds) {
        const k = cacheKey(showId, seatId);
        const hit = known.get(k);
        const pending = inFlight.get(k);
        if (hit && hit.until > t) found.set(seatId, hit.offer);
        else if (pending) waiting.push(pending.then((offer) => void (offer && found.set(seatId, offer))));
        else missing.push(seatId);
      }
      if (missing.length) {
        const batch = load(showId, missing);
        for (const seatId of missing) {
          const k = cacheKey(showId, seatId);
          const one = batch.then((m) => m.get(seatId)).finally(() => inFlight.delete(k));
          inFlight.set(k, one);
          waiting.push(one.then((offer) => void (offer && found.set(seatId, offer))));
        }
      }
      await Promise.all(waiting);
      if (found.size) showsSeen.add(showId);
      return found;
    },
    refresh(showId, offers) {
      for (const offer of offers) remember(showId, offer);
    },
    async showExists(showId) {
      if (showsSeen.has(showId)) return true;
      const { GSI1PK, GSI1SK } = gsi1.showById(showId);
      const res = await db().send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
          ExpressionAttributeValues: { ':pk': GSI1PK, ':sk': GSI1SK },
          Limit: 1,
        }),
      );
      return (res.Items?.length ?? 0) > 0;
    },
  };
}
