import { SORTS, type Cursor } from './search-concerts';

/** Cursors are opaque to clients: base64url of a small JSON object. */
export const encodeCursor = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The decoded JSON, or undefined when the text is not a cursor we wrote. */
export function decodeCursorJson(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** A search cursor, or undefined when it is malformed or was issued for another sort. */
export function decodeSearchCursor(text: string, sort: string): Cursor | undefined {
  const c = decodeCursorJson(text) as Partial<Cursor> | undefined;
  if (!c || typeof c !== 'object' || !SORTS.includes(c.sort as never) || c.sort !== sort) return undefined;
  if (typeof c.concertId !== 'string' || (typeof c.key !== 'string' && typeof c.key !== 'number')) return undefined;
  if (c.snapshot !== undefined && typeof c.snapshot !== 'string') return undefined;
  return { sort: c.sort as Cursor['sort'], key: c.key, concertId: c.concertId, snapshot: c.snapshot };
}
