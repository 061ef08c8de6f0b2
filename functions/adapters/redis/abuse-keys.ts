/**
 * Redis keys of the abuse rules and rate limits. A plan's keys share one hash tag — the concert id (the same slot
 * as the concert's waiting room), `u:<userId>` or `a:<address hash>` — so its one script touches one slot.
 *
 * | key                          | type   | holds                                                                 |
 * |------------------------------|--------|-----------------------------------------------------------------------|
 * | ab:{s}:rl:<group>:<who>:<id> | STRING | GCRA theoretical arrival time (ms) of a user's / address's requests  |
 * | ab:{s}:limits                | HASH   | `<group>.user` / `<group>.address` → `limit:periodMs` (ADMIN override) |
 * | ab:{c}:burst:<userId>        | ZSET   | hold attempts (requestId → ms) in the HOLD_BURST window               |
 * | ab:{c}:fp:<userId>:<sha>     | STRING | `<ms>|<Idempotency-Key or request id>` first sent with a fingerprint  |
 * | ab:{s}:ik:<userId>:<key>     | ZSET   | fingerprints (→ last ms) sent with an Idempotency-Key                 |
 * | ab:{c}:dev:<deviceId>        | ZSET   | accounts (→ last use ms) that used a device for holds                 |
 * | ab:{c}:line-dev:<deviceId>   | ZSET   | accounts a device put in the concert's line                           |
 * | ab:{c}:unpaid:<userId>       | ZSET   | the user's unpaid holds: reservationId → holdExpiresAt ms            |
 * | ab:{c}:blocks                | HASH   | `user:<id>` / `device:<id>` → block JSON (ADMIN)                      |
 * | ab:{c}:challenge:<id>        | HASH   | salt, difficulty, userId of an unspent join challenge (PX expiry)      |
 * | ab:{audit:<n>}:pending       | LIST   | abuse audit rows (JSON) waiting for their batched write to the table  |
 * | ab:{audit:<n>}:writer        | STRING | lease token of the one writer of that shard (PX expiry)               |
 */
export const abuseKey = (scope: string, key: string) => `ab:{${scope}}:${key}`;
