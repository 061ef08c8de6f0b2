/**
 * Redis keys of the waiting room. Every per-concert key carries the `{concertId}` hash tag, so a cluster-mode
 * ElastiCache keeps a concert's keys on one shard and each Lua script touches one slot.
 *
 * | key                         | type   | holds                                                             |
 * |-----------------------------|--------|-------------------------------------------------------------------|
 * | wr:{c}:waiting              | ZSET   | userId → arrival sequence (pre-queue draw: negative scores)       |
 * | wr:{c}:prequeue             | ZSET   | userId → arrival sequence, until the opening                     |
 * | wr:{c}:active               | ZSET   | userId → slot expiry (epoch ms)                                   |
 * | wr:{c}:seq                  | STRING | the arrival counter (INCR)                                        |
 * | wr:{c}:admitted             | STRING | admittedTotal                                                     |
 * | wr:{c}:shift                | STRING | users removed from WAITING since the last tick (leaves)           |
 * | wr:{c}:lapsed               | SET    | users whose slot lapsed (status EXPIRED until they rejoin)        |
 * | wr:{c}:state                | HASH   | rate (measured admissions/s), tickAt (ms)                         |
 * | wr:{c}:opened               | HASH   | seed, openedAt, placed — the pre-queue draw, for audit            |
 * | wr:{c}:config               | STRING | QueueConfig JSON                                                  |
 * | wr:{c}:subs                 | HASH   | connectionId → userId                                             |
 * | wr:{c}:conns                | HASH   | userId → space-separated connectionIds                           |
 * | wr:{c}:pushed               | HASH   | userId → position last pushed (rank buckets)                     |
 * | wr:{c}:lease                | STRING | admission-loop owner token (PX expiry)                            |
 * | wr:concerts                 | SET    | concerts with a non-empty line (the loop's work list)             |
 */
export const waitingRoomKeys = (concertId: string) => {
  const k = (name: string) => `wr:{${concertId}}:${name}`;
  return {
    waiting: k('waiting'),
    prequeue: k('prequeue'),
    active: k('active'),
    seq: k('seq'),
    admitted: k('admitted'),
    shift: k('shift'),
    lapsed: k('lapsed'),
    state: k('state'),
    opened: k('opened'),
    config: k('config'),
    subs: k('subs'),
    conns: k('conns'),
    pushed: k('pushed'),
    lease: k('lease'),
  };
};

export const ACTIVE_CONCERTS_KEY = 'wr:concerts';
