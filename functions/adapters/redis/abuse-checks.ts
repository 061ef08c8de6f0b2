import type { Redis } from 'ioredis';
import type { AbuseRule, Check, Plan } from '#domain/abuse/rules';
import { LIMITS_KEY } from '#domain/abuse/rules';
import type { CheckOutcome, AbuseChecks } from '#services/abuse/ports';
import { abuseKey } from './abuse-keys';
import { LuaScript } from './waiting-room-lua';

/**
 * Every check of one request in one script (one round trip, one slot). Phase one evaluates the checks in order
 * and stops at the first refusal, recording nothing; phase two records the attempt in every check evaluated.
 * A ONCE check that recognises a replay ends phase one early: the later checks neither judge nor count it.
 * KEYS[1] = the scope's runtime-limits hash, KEYS[2..] = one per check.
 * ARGV = nowMs, then per check: kind, a, b, c.
 * → {'OK', spentHashFlat} or {'NO', checkIndex (1-based), retryAfterMs}
 */
const CHECKS = new LuaScript(`
local now = tonumber(ARGV[1])
local n = #KEYS - 1
local commits = {}
local spent = {}
local function num(x) return string.format('%.0f', x) end
for i = 1, n do
  local key = KEYS[i + 1]
  local kind, a, b, c = ARGV[i * 4 - 2], ARGV[i * 4 - 1], ARGV[i * 4], ARGV[i * 4 + 1]
  if kind == 'RATE' then
    local limit, period = tonumber(a), tonumber(b)
    local o = redis.call('HGET', KEYS[1], c)
    if o then
      local l, p = string.match(o, '^(%d+):(%d+)$')
      if l then limit, period = tonumber(l), tonumber(p) end
    end
    local tat = tonumber(redis.call('GET', key) or '0')
    if tat < now then tat = now end
    local nextTat = tat + period / limit
    if nextTat - now > period then return {'NO', i, num(math.ceil(nextTat - now - period))} end
    commits[#commits + 1] = function() redis.call('SET', key, string.format('%.3f', nextTat), 'PX', num(math.ceil(nextTat - now))) end
  elseif kind == 'WINDOW' then
    local max, window = tonumber(a), tonumber(b)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now - window))
    if redis.call('ZCARD', key) >= max then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      return {'NO', i, num(tonumber(oldest[2]) + window - now)}
    end
    commits[#commits + 1] = function() redis.call('ZADD', key, num(now), c); redis.call('PEXPIRE', key, b) end
  elseif kind == 'ONCE' then
    -- '<firstMs>|<value>': the window is judged by the request clock; the key's own expiry only cleans up.
    local v, window = redis.call('GET', key), tonumber(b)
    local first, value = nil, nil
    if v then first, value = string.match(v, '^(%d+)|(.*)$') end
    if first and tonumber(first) + window <= now then first = nil end
    if first and value ~= a then return {'NO', i, num(tonumber(first) + window - now)} end
    if not first then commits[#commits + 1] = function() redis.call('SET', key, num(now) .. '|' .. a, 'PX', b) end end
    -- The same value again is a replay (same Idempotency-Key, same request): the idempotency layer answers it with
    -- the first response, so it is not a new attempt for the checks after this one.
    if first then break end
  elseif kind == 'SOLE' then
    local window = tonumber(b)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now - window))
    local users = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
    local latest = nil
    for j = 1, #users, 2 do
      if users[j] ~= a then
        local s = tonumber(users[j + 1])
        if not latest or s > latest then latest = s end
      end
    end
    if latest then return {'NO', i, num(latest + window - now)} end
    commits[#commits + 1] = function() redis.call('ZADD', key, num(now), a); redis.call('PEXPIRE', key, b) end
  elseif kind == 'CAP' then
    local ttl = tonumber(c)
    redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now - ttl))
    if not redis.call('ZSCORE', key, a) and redis.call('ZCARD', key) >= tonumber(b) then
      local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      return {'NO', i, num(tonumber(oldest[2]) + ttl - now)}
    end
    commits[#commits + 1] = function() redis.call('ZADD', key, num(now), a); redis.call('PEXPIRE', key, c) end
  elseif kind == 'FLAG' then
    if redis.call('HEXISTS', key, a) == 1 then return {'NO', i, b} end
  elseif kind == 'LIVE' then
    redis.call('ZREMRANGEBYSCORE', key, '-inf', num(now))
    if redis.call('ZCARD', key) >= tonumber(a) then
      local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
      return {'NO', i, num(tonumber(first[2]) - now)}
    end
  elseif kind == 'SPEND' then
    spent = redis.call('HGETALL', key)
    if #spent == 0 then return {'NO', i, '0'} end
    commits[#commits + 1] = function() redis.call('DEL', key) end
  end
end
for _, commit in ipairs(commits) do commit() end
return {'OK', spent}
`);

/** The three script arguments of each check kind, in the order the script reads them. */
function argsOf(c: Check): [string | number, string | number, string | number] {
  switch (c.kind) {
    case 'RATE':
      return [c.limit, c.periodMs, c.override];
    case 'WINDOW':
      return [c.max, c.windowMs, c.member];
    case 'ONCE':
      return [c.value, c.windowMs, ''];
    case 'SOLE':
      return [c.member, c.windowMs, ''];
    case 'CAP':
      return [c.member, c.max, c.ttlMs];
    case 'FLAG':
      return [c.field, c.retryAfterMs, ''];
    case 'LIVE':
      return [c.max, '', ''];
    case 'SPEND':
      return [c.key, '', ''];
  }
}

export function redisAbuseChecks(redis: () => Redis): AbuseChecks {
  return {
    async run(plan: Plan, nowMs: number): Promise<CheckOutcome> {
      if (!plan.checks.length) return { ok: true };
      const keys = [abuseKey(plan.scope, LIMITS_KEY), ...plan.checks.map((c) => abuseKey(plan.scope, c.key))];
      const args = [nowMs, ...plan.checks.flatMap((c) => [c.kind, ...argsOf(c)])];
      const reply = await CHECKS.run<[string, string[] | number, string?]>(redis(), keys, args);
      if (reply[0] === 'OK') {
        const flat = reply[1] as string[];
        if (!flat.length) return { ok: true };
        const spent: Record<string, string> = {};
        for (let i = 0; i < flat.length; i += 2) spent[flat[i] as string] = flat[i + 1] as string;
        return { ok: true, spent };
      }
      const check = plan.checks[(reply[1] as number) - 1] as Check;
      return { ok: false, rule: check.rule as AbuseRule, retryAfterMs: Math.max(0, Number(reply[2])) };
    },
    async forgetAttempt({ scope, checks }: Plan): Promise<void> {
      // All keys of a plan share its scope's hash slot, so one pipeline serves a cluster too.
      const pipeline = redis().pipeline();
      for (const c of checks) {
        if (c.kind === 'WINDOW') pipeline.zrem(abuseKey(scope, c.key), c.member);
        else if (c.rule === 'DUPLICATE_REQUEST' && c.kind === 'ONCE') pipeline.del(abuseKey(scope, c.key));
      }
      await pipeline.exec();
    },
  };
}
