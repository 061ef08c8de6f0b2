/**
 * The single-table key design. Every item has PK and SK; GSI1 and GSI2 serve the secondary access patterns.
 * Each builder names the access pattern it serves. Change a template only with a migration: keys are data.
 * Each item type's record, index names and `toItem`/`fromItem` live in ./entities/<item>.ts (built from these keys).
 *
 * | entity            | PK                       | SK                           | GSI1PK / GSI1SK                         | GSI2PK / GSI2SK                  | access pattern                                    |
 * |-------------------|--------------------------|------------------------------|-----------------------------------------|----------------------------------|---------------------------------------------------|
 * | user              | USER#<userId>            | PROFILE                      | –                                       | –                                | get user by id                                    |
 * | social identity   | IDENTITY#<provider>#<id> | IDENTITY                     | –                                       | –                                | find user by provider account                     |
 * | refresh token     | REFRESH#<tokenHash>      | REFRESH                      | –                                       | –                                | look up a presented refresh token                 |
 * | refresh family    | FAMILY#<familyId>        | FAMILY                       | –                                       | –                                | revoke a whole rotation family                    |
 * | denied access jti | DENY#<jti>               | DENY                         | –                                       | –                                | logout: is this access token revoked?             |
 * | artist            | ARTIST#<id>              | ARTIST                       | CATALOG#ARTIST / <name>#<id>            | –                                | get; list artists                                 |
 * | agency            | AGENCY#<id>              | AGENCY                       | CATALOG#AGENCY / <name>#<id>            | –                                | get; list agencies                                |
 * | venue             | VENUE#<id>               | VENUE                        | CATALOG#VENUE / <name>#<id>             | –                                | get; list venues                                  |
 * | concert           | CONCERT#<id>             | CONCERT                      | CATALOG#CONCERT / <id>                  | –                                | get; list all concerts (projection source)        |
 * | show              | CONCERT#<id>             | SHOW#<showId>                | SHOW#<showId> / SHOW                    | –                                | shows of a concert; find a show by id             |
 * | seat              | SHOW#<showId>#<section>#R<block> | SEAT#<seatId>        | –                                       | –                                | seats of a partition; conditional seat writes     |
| seat partitions   | SEATPARTS#<showId>       | SEATPARTS                    | –                                       | –                                | which seat partitions a show has (seat map reads) |
 * | sales policy      | CONCERT#<id>             | POLICY                       | –                                       | –                                | policy of a concert                               |
 * | ticket counter    | CONCERT#<id>#BUYER#<userId> | BUYER                     | –                                       | –                                | per-user limit, bumped inside the hold transaction |
 * | reservation       | RESERVATION#<id>         | RESERVATION                  | USER#<userId> / RES#<heldAt>#<id>       | CONCERT#<id>#<shard> / RES#<id>  | get; a user's reservations newest first; a concert's (query every shard) |
 * | payment intent    | INTENT#<id>              | INTENT                       | RESERVATION#<id> / INTENT#<id>          | –                                | get; intents of a reservation                     |
 * | webhook event     | WEBHOOK#<eventId>        | WEBHOOK                      | –                                       | –                                | record each eventId once                          |
 * | idempotency       | IDEMPOTENCY#<scope>#<key>| IDEMPOTENCY                  | –                                       | –                                | replay the first response of a key                |
 * | audit entry       | AUDIT#<kind>             | <at>#<id>                    | AUDITUSER#<userId> / <at>#<id>          | –                                | audit trail by kind and time; by user             |
 * | abuse audit       | ABUSE#<yyyy-mm-dd>#<shard> | <at>#<auditId>             | ABUSEUSER#<userId> / <at>#<auditId>     | ABUSECONCERT#<id>#<shard> / <at>#<id> | abuse audit newest first: by day, by user, by concert (query every shard and merge; filters on the rest) |
 * | overdue hold      | OVERDUE#<shard>          | <deadline>#RES#<reservationId> | –                                     | –                                | sweeper backstop for a deadline execution that could not start (query every shard over the sweep's window) |
 * | lab seat          | LAB#<showId>             | SEAT#<seatId>                | –                                       | –                                | contention lab seats                              |
 * | lab lease lock    | LAB#<showId>             | LOCK#<seatId>                | –                                       | –                                | the lab's DynamoDB lease lock on a seat           |
 * | lab stats         | LAB#<showId>             | STATS#<strategy>             | –                                       | –                                | lab report: attempts and successes per strategy   |
 * | lab winners       | LAB#<showId>             | WIN#<strategy>#<seatId>      | –                                       | –                                | lab report: who believes they won a seat          |
 *
 * No partition takes every write of a sale (DynamoDB serves ~1,000 WCU per partition, and a transactional write
 * costs two): seats are spread by section and block of SEAT_ROWS_PER_PARTITION rows (≤ 2,000 seats a partition,
 * ≤ 2,000 partitions a show); a buyer's ticket counter is its own item and partition; the reservations index
 * and the overdue markers hash the reservation id into RESERVATION_INDEX_SHARDS / OVERDUE_SHARDS partitions; the
 * abuse audit (every hold, pay and cancel of a sale) hashes its id into ABUSE_AUDIT_SHARDS per day and per concert.
 * Every seat key derives from the seat id (`<section>-<row>-<number>`), so the hold stays one transaction
 * addressed by ids alone; whole-show reads list the show's partitions from its `seat partitions` item.
 *
 * Items that only live for a while (refresh tokens, denied jtis, idempotency records, webhook ids) carry `ttl`
 * (epoch seconds), the table's TTL attribute.
 */
export const TTL_ATTRIBUTE = 'ttl';

/**
 * The `entity` attribute of the items whose writes domain events follow from: the change-stream consumer's filter
 * (lib/capabilities) passes only these, and functions/adapters/dynamo/change-records.ts reads them.
 */
export const EVENT_ENTITIES = { reservation: 'RESERVATION', paymentIntent: 'PaymentIntent', abuseAudit: 'AbuseAudit' } as const;

export const key = (PK: string, SK: string) => ({ PK, SK });

/** Rows of one section that share a seat partition: at most 10 × 200 seats (the widest row) per partition. */
export const SEAT_ROWS_PER_PARTITION = 10;
/** Partitions of a concert's reservations index (GSI2): 16 × 1,000 WCU, far beyond a sale's hold rate. */
export const RESERVATION_INDEX_SHARDS = 16;
/** Partitions of the overdue markers: a burst of failed deadline starts (Step Functions throttled) over 8 × 1,000 WCU. */
export const OVERDUE_SHARDS = 8;
/** Partitions of one day's, and of one concert's, abuse audit: a sale's ~2,000 audited attempts/s over 8 × 1,000 WCU. */
export const ABUSE_AUDIT_SHARDS = 8;

/** FNV-1a: a stable, well-spread hash for choosing a shard; not for security. */
export function shardOf(value: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

const SEAT_ID = /^([A-Za-z0-9]+)-(\d+)-(\d+)$/;

/**
 * The partition suffix of a seat, `<section>#R<block>`. A seat id that is not `<section>-<row>-<number>` names no
 * generated seat; it gets a partition of its own, where the hold finds nothing and refuses it as gone.
 */
export function seatPartitionOf(seatId: string): string {
  const m = SEAT_ID.exec(seatId);
  if (!m) return `?${seatId}`;
  return `${m[1]}#R${Math.floor((Number(m[2]) - 1) / SEAT_ROWS_PER_PARTITION)}`;
}

const seatPartitionKey = (showId: string, partition: string) => `SHOW#${showId}#${partition}`;

export const keys = {
  user: (userId: string) => key(`USER#${userId}`, 'PROFILE'),
  identity: (provider: string, providerUserId: string) => key(`IDENTITY#${provider}#${providerUserId}`, 'IDENTITY'),
  refreshToken: (tokenHash: string) => key(`REFRESH#${tokenHash}`, 'REFRESH'),
  refreshFamily: (familyId: string) => key(`FAMILY#${familyId}`, 'FAMILY'),
  deniedJti: (jti: string) => key(`DENY#${jti}`, 'DENY'),
  artist: (id: string) => key(`ARTIST#${id}`, 'ARTIST'),
  agency: (id: string) => key(`AGENCY#${id}`, 'AGENCY'),
  venue: (id: string) => key(`VENUE#${id}`, 'VENUE'),
  concert: (id: string) => key(`CONCERT#${id}`, 'CONCERT'),
  show: (concertId: string, showId: string) => key(`CONCERT#${concertId}`, `SHOW#${showId}`),
  seat: (showId: string, seatId: string) => key(seatPartitionKey(showId, seatPartitionOf(seatId)), `SEAT#${seatId}`),
  /** The seats of one partition (`seatPartitionOf`); a whole show is every partition its `seatPartitions` item lists. */
  seatsOfShow: (showId: string, partition: string) => ({ PK: seatPartitionKey(showId, partition), skPrefix: 'SEAT#' }),
  /** Lists the seat partitions of a show (a string set `partitions`), written before its seats. */
  seatPartitions: (showId: string) => key(`SEATPARTS#${showId}`, 'SEATPARTS'),
  salesPolicy: (concertId: string) => key(`CONCERT#${concertId}`, 'POLICY'),
  ticketCounter: (concertId: string, userId: string) => key(`CONCERT#${concertId}#BUYER#${userId}`, 'BUYER'),
  reservation: (id: string) => key(`RESERVATION#${id}`, 'RESERVATION'),
  paymentIntent: (id: string) => key(`INTENT#${id}`, 'INTENT'),
  webhookEvent: (eventId: string) => key(`WEBHOOK#${eventId}`, 'WEBHOOK'),
  idempotency: (scope: string, idempotencyKey: string) => key(`IDEMPOTENCY#${scope}#${idempotencyKey}`, 'IDEMPOTENCY'),
  audit: (kind: string, at: string, id: string) => key(`AUDIT#${kind}`, `${at}#${id}`),
  /** `day` is the UTC date of `at` (`2026-12-24`): a day's partitions bound each partition's size; a query walks days back. */
  abuseAudit: (day: string, at: string, auditId: string) => key(`ABUSE#${day}#${shardOf(auditId, ABUSE_AUDIT_SHARDS)}`, `${at}#${auditId}`),
  /** Every partition of one day's abuse audit. */
  abuseAuditShardsOfDay: (day: string) => Array.from({ length: ABUSE_AUDIT_SHARDS }, (_, shard) => `ABUSE#${day}#${shard}`),
  /** `deadline` is the ISO instant the hold or payment expires: a shard's markers sort by it, so a sweep reads a range. */
  overdueHold: (deadline: string, reservationId: string) => key(`OVERDUE#${shardOf(reservationId, OVERDUE_SHARDS)}`, `${deadline}#RES#${reservationId}`),
  /** Every partition of the overdue markers. */
  overdueHoldShards: () => Array.from({ length: OVERDUE_SHARDS }, (_, shard) => `OVERDUE#${shard}`),
  labSeat: (showId: string, seatId: string) => key(`LAB#${showId}`, `SEAT#${seatId}`),
  labLock: (showId: string, seatId: string) => key(`LAB#${showId}`, `LOCK#${seatId}`),
  labStats: (showId: string, strategy: string) => key(`LAB#${showId}`, `STATS#${strategy}`),
  labWinners: (showId: string, strategy: string, seatId: string) => key(`LAB#${showId}`, `WIN#${strategy}#${seatId}`),
  labShow: (showId: string) => ({ PK: `LAB#${showId}` }),
} as const;

export const gsi1 = {
  catalogList: (entity: 'ARTIST' | 'AGENCY' | 'VENUE' | 'CONCERT') => `CATALOG#${entity}`,
  showById: (showId: string) => ({ GSI1PK: `SHOW#${showId}`, GSI1SK: 'SHOW' }),
  reservationsOfUser: (userId: string, heldAt: string, reservationId: string) => ({
    GSI1PK: `USER#${userId}`,
    GSI1SK: `RES#${heldAt}#${reservationId}`,
  }),
  intentsOfReservation: (reservationId: string, intentId: string) => ({
    GSI1PK: `RESERVATION#${reservationId}`,
    GSI1SK: `INTENT#${intentId}`,
  }),
  auditOfUser: (userId: string, at: string, id: string) => ({ GSI1PK: `AUDITUSER#${userId}`, GSI1SK: `${at}#${id}` }),
  abuseAuditOfUser: (userId: string, at: string, auditId: string) => ({ GSI1PK: `ABUSEUSER#${userId}`, GSI1SK: `${at}#${auditId}` }),
} as const;

export const gsi2 = {
  reservationsOfConcert: (concertId: string, reservationId: string) => ({
    GSI2PK: `CONCERT#${concertId}#${shardOf(reservationId, RESERVATION_INDEX_SHARDS)}`,
    GSI2SK: `RES#${reservationId}`,
  }),
  /** Every GSI2 partition of a concert's reservations; a reader queries them all. */
  reservationShardsOfConcert: (concertId: string) => Array.from({ length: RESERVATION_INDEX_SHARDS }, (_, shard) => `CONCERT#${concertId}#${shard}`),
  abuseAuditOfConcert: (concertId: string, at: string, auditId: string) => ({
    GSI2PK: `ABUSECONCERT#${concertId}#${shardOf(auditId, ABUSE_AUDIT_SHARDS)}`,
    GSI2SK: `${at}#${auditId}`,
  }),
  /** Every GSI2 partition of a concert's abuse audit. */
  abuseAuditShardsOfConcert: (concertId: string) => Array.from({ length: ABUSE_AUDIT_SHARDS }, (_, shard) => `ABUSECONCERT#${concertId}#${shard}`),
} as const;
