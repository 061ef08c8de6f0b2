import { Reply } from '#platform/http';
import type { Conditional } from '#services/catalog/seat-map-reads';

/** The first entity tag of `If-None-Match` without quotes or the weak prefix (`W/"12"` → `12`). */
export function entityTag(headers: Record<string, string>): string | undefined {
  const first = headers['if-none-match']?.split(',')[0]?.trim();
  return first ? first.replace(/^W\//, '').replace(/^"|"$/g, '') : undefined;
}

/** 200 with the body, or 304 without one, both carrying the version as ETag and the route's caching rule. */
export function conditionalReply<T>(result: Conditional<T>, cacheControl: string): Reply {
  const headers = { etag: `"${result.version}"`, 'cache-control': cacheControl };
  return result.notModified ? new Reply(304, undefined, headers) : new Reply(200, result.body, headers);
}
