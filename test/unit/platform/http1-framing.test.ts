import { describe, expect, it } from 'vitest';
import { BodyTooLarge, declaredLength, FramingError, MAX_HEAD_BYTES, readMessage, statusOf } from '#platform/clients/http1-framing';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const complete = (s: string, kind: 'request' | 'response' = 'response') => {
  const message = readMessage(bytes(s), kind);
  if (!message || 'untilClose' in message) throw new Error(`not a complete message: ${JSON.stringify(s)}`);
  return message;
};

describe('HTTP/1.1 framing', () => {
  it('reads a response by its content length, and what follows it is left for the next message', () => {
    const wire = 'HTTP/1.1 410 Gone\r\nX-Amzn-ErrorType: GoneException\r\nContent-Length: 18\r\n\r\n{"message":"Gone"}HTTP/1.1 200';
    const message = complete(wire);
    expect(statusOf(message.startLine)).toBe(410);
    expect(message.headers).toEqual({ 'x-amzn-errortype': 'GoneException', 'content-length': '18' });
    expect(message.body.toString()).toBe('{"message":"Gone"}');
    expect(wire.slice(message.length)).toBe('HTTP/1.1 200');
    expect(message.closes).toBe(false);
  });

  it('needs more bytes at every point short of the whole message, a split head or body included', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';
    for (let cut = 0; cut < wire.length; cut++) expect(readMessage(bytes(wire.slice(0, cut)), 'response'), `cut at ${cut}`).toBeUndefined();
    expect(complete(wire).body.toString()).toBe('hello');
  });

  it('decodes a chunked body, with chunk extensions and trailer fields, and needs more bytes until its last line', () => {
    const wire = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\n\r\n';
    for (let cut = 0; cut < wire.length; cut++) expect(readMessage(bytes(wire.slice(0, cut)), 'response'), `cut at ${cut}`).toBeUndefined();
    const message = complete(`${wire}next`);
    expect(message.body.toString()).toBe('hello, world');
    expect(message.length).toBe(wire.length);
    expect(complete('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n').body.length).toBe(0);
  });

  it('gives 204, 304 and informational answers no body, and a response without a length a body that runs to the close', () => {
    expect(complete('HTTP/1.1 204 No Content\r\nContent-Length: 12\r\n\r\n').body.length).toBe(0);
    expect(complete('HTTP/1.1 100 Continue\r\n\r\n').length).toBe('HTTP/1.1 100 Continue\r\n\r\n'.length);
    expect(readMessage(bytes('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\npartial'), 'response')).toEqual({
      untilClose: true,
      startLine: 'HTTP/1.1 200 OK',
      headers: { connection: 'close' },
      bodyStart: 38,
    });
    // A request without a length has no body.
    expect(complete('DELETE /local/@connections/abc HTTP/1.1\r\nHost: x\r\n\r\n', 'request').body.length).toBe(0);
  });

  it('says when the sender closes after the message: Connection: close, or HTTP/1.0 without keep-alive', () => {
    expect(complete('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n').closes).toBe(true);
    expect(complete('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n').closes).toBe(true);
    expect(complete('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n').closes).toBe(false);
    expect(complete('POST /x HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n', 'request').closes).toBe(true);
  });

  it('joins repeated fields and lower-cases their names', () => {
    expect(complete('HTTP/1.1 200 OK\r\nVia: a\r\nVIA: b\r\nContent-Length: 0\r\n\r\n').headers.via).toBe('a, b');
  });

  it('refuses what it cannot frame safely: a malformed field or length, an unknown coding, a head past its bound, a bad chunk', () => {
    const refusals = [
      'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n',
      `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(MAX_HEAD_BYTES)}`,
    ];
    for (const wire of refusals) expect(() => readMessage(bytes(wire), 'response'), JSON.stringify(wire.slice(0, 60))).toThrow(FramingError);
    expect(() => statusOf('SSH-2.0-OpenSSH')).toThrow(FramingError);
  });

  it('tells a reader how many bytes a message declares once its head is in, and nothing when its length is not declared', () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n';
    expect(declaredLength(bytes(`${head}partial`), 'response')).toBe(head.length + 1000);
    expect(declaredLength(bytes('HTTP/1.1 200 OK\r\nContent-Len'), 'response')).toBeUndefined();
    expect(declaredLength(bytes('HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n'), 'response')).toBe('HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n'.length);
    expect(declaredLength(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n'), 'response')).toBeUndefined();
    expect(declaredLength(bytes('HTTP/1.1 200 OK\r\n\r\nto the close'), 'response')).toBeUndefined();
  });

  it('refuses a request body over the reader’s bound as soon as the head declares it', () => {
    expect(() => readMessage(bytes('POST /x HTTP/1.1\r\nContent-Length: 1000\r\n\r\n'), 'request', 999)).toThrow(BodyTooLarge);
    expect(() => readMessage(bytes('POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n'), 'request', 3)).toThrow(BodyTooLarge);
    expect(complete('POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc', 'request').body.toString()).toBe('abc');
  });
});
