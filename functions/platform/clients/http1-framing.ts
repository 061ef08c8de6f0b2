/**
 * HTTP/1.1 message framing (RFC 9112) for the small exchanges between our functions and AWS endpoints: where a
 * message's head ends, its header fields, and where its body ends (a content length, chunked coding, or — a response
 * only — the connection's close). ./keep-alive-pool.ts reads responses with it, and the local cloud's @connections
 * stand-in reads requests.
 */

/** A head longer than this is refused: no AWS answer or request of ours comes near it. */
export const MAX_HEAD_BYTES = 64 * 1024;

/** Field names lower-cased; repeated fields joined with `, `. */
export type HeaderFields = Readonly<Record<string, string>>;

export class FramingError extends Error {
  override name = 'FramingError';
}

/** A request whose declared body is larger than its reader takes; thrown as soon as its head is read. */
export class BodyTooLarge extends FramingError {
  override name = 'BodyTooLarge';
}

export interface Message {
  /** `HTTP/1.1 200 OK` or `POST /path HTTP/1.1`. */
  startLine: string;
  headers: HeaderFields;
  body: Buffer;
  /** Bytes of the buffer this message took. */
  length: number;
  /** The sender will close the connection after this message (or must, for a body that runs to the close). */
  closes: boolean;
}

/** The body runs to the connection's close (a response with neither a length nor chunked coding). */
export interface UntilClose {
  untilClose: true;
  startLine: string;
  headers: HeaderFields;
  bodyStart: number;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * The first complete message in `buffer`, `undefined` while more bytes are needed, or UntilClose for a response whose
 * body ends with the connection. Throws FramingError on a malformed or oversized message: the connection cannot be
 * trusted to find the next message's start, so its reader must close it.
 */
export function readMessage(buffer: Buffer, kind: 'request' | 'response', maxBodyBytes = Infinity): Message | UntilClose | undefined {
  const head = readHead(buffer);
  if (!head) return undefined;
  const { startLine, headers, bodyStart } = head;
  const closes = /\bclose\b/i.test(headers.connection ?? '') || (kind === 'response' && startLine.startsWith('HTTP/1.0') && !/keep-alive/i.test(headers.connection ?? ''));
  const framing = bodyFraming(head, kind);
  switch (framing.by) {
    case 'chunked': {
      const chunked = readChunked(buffer, bodyStart);
      if (chunked && chunked.body.length > maxBodyBytes) throw new BodyTooLarge(`body over ${maxBodyBytes} bytes`);
      return chunked && { startLine, headers, body: chunked.body, length: chunked.end, closes };
    }
    case 'length':
      if (framing.end - bodyStart > maxBodyBytes) throw new BodyTooLarge(`body over ${maxBodyBytes} bytes`);
      return buffer.length < framing.end ? undefined : { startLine, headers, body: buffer.subarray(bodyStart, framing.end), length: framing.end, closes };
    case 'close':
      return { untilClose: true, startLine, headers, bodyStart };
  }
}

/**
 * Where a message whose head is in `buffer` ends, when its head says so by a length (or by having no body): until
 * that many bytes are in, a reader need not look again — a 1 MB answer arrives in dozens of chunks.
 */
export function declaredLength(buffer: Buffer, kind: 'request' | 'response'): number | undefined {
  const head = readHead(buffer);
  if (!head) return undefined;
  const framing = bodyFraming(head, kind);
  return framing.by === 'length' ? framing.end : undefined;
}

type Head = { startLine: string; headers: Record<string, string>; bodyStart: number };

/** How a message's body ends: at a length (zero for a message without a body), after its last chunk, or at the close. */
function bodyFraming({ startLine, headers, bodyStart }: Head, kind: 'request' | 'response'): { by: 'length'; end: number } | { by: 'chunked' | 'close' } {
  // Informational, 204 and 304 answers have no body, whatever their fields say.
  if (kind === 'response' && /^HTTP\/1\.[01] (1\d\d|204|304)\b/.test(startLine)) return { by: 'length', end: bodyStart };
  if (headers['transfer-encoding'] !== undefined) {
    if (!/(^|,)\s*chunked\s*$/i.test(headers['transfer-encoding'])) throw new FramingError('unsupported transfer coding');
    return { by: 'chunked' };
  }
  if (headers['content-length'] !== undefined) {
    if (!/^\d{1,15}$/.test(headers['content-length'])) throw new FramingError('invalid content-length');
    return { by: 'length', end: bodyStart + Number(headers['content-length']) };
  }
  // A request without a length has no body; a response without one runs to the close.
  return kind === 'request' ? { by: 'length', end: bodyStart } : { by: 'close' };
}

/** A message's start line and fields, once its head is complete. */
function readHead(buffer: Buffer): Head | undefined {
  const headEnd = buffer.indexOf(HEAD_END);
  if (headEnd === -1) {
    if (buffer.length > MAX_HEAD_BYTES) throw new FramingError('message head too long');
    return undefined;
  }
  const lines = buffer.toString('latin1', 0, headEnd).split('\r\n');
  const headers: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new FramingError('malformed header field');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { startLine: lines[0] as string, headers, bodyStart: headEnd + HEAD_END.length };
}

/** The decoded body of a chunked message whose body starts at `start`, and where the message ends. */
function readChunked(buffer: Buffer, start: number): { body: Buffer; end: number } | undefined {
  const chunks: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, at);
    if (lineEnd === -1) return undefined;
    const sizeField = buffer.toString('latin1', at, lineEnd).split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeField)) throw new FramingError('invalid chunk size');
    const size = parseInt(sizeField, 16);
    at = lineEnd + CRLF.length;
    if (size === 0) {
      // The last chunk; trailer fields, if any, end with an empty line.
      if (buffer.length < at + CRLF.length) return undefined;
      if (buffer.indexOf(CRLF, at) === at) return { body: Buffer.concat(chunks), end: at + CRLF.length };
      const trailersEnd = buffer.indexOf(HEAD_END, at);
      return trailersEnd === -1 ? undefined : { body: Buffer.concat(chunks), end: trailersEnd + HEAD_END.length };
    }
    if (buffer.length < at + size + CRLF.length) return undefined;
    if (buffer.indexOf(CRLF, at + size) !== at + size) throw new FramingError('chunk not followed by CRLF');
    chunks.push(buffer.subarray(at, at + size));
    at += size + CRLF.length;
  }
}

/** The status code of a response's start line (`HTTP/1.1 410 Gone` → 410), or FramingError. */
export function statusOf(startLine: string): number {
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(startLine);
  if (!match) throw new FramingError('malformed status line');
  return Number(match[1]);
}
