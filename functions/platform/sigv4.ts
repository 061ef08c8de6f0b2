import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one JSON/REST request, written out because the SDK's signer brings ~140 KB of smithy
 * core into a bundle and its client stack costs ~0.3 ms of CPU per call — which the @connections fan-out, O(watchers)
 * calls a second, pays more than anything else — and loading a whole SDK client costs a cold start tens of ms (the
 * DynamoDB client, on every hot path, the most). test/unit/platform/sigv4.test.ts pins it to the SDK's own signer.
 */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignInput {
  method: string;
  url: URL;
  body: string;
  region: string;
  service: string;
  credentials: Credentials;
  now: Date;
  /** Further headers to send, signed too (lower-case names): a JSON-protocol service's content type and target. */
  headers?: Record<string, string>;
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');

/** A fan-out signs one body for every connection: its hash is taken once. */
let lastPayload: { body: string; hash: string } | undefined;
function payloadHashOf(body: string): string {
  if (lastPayload?.body !== body) lastPayload = { body, hash: sha256Hex(body) };
  return lastPayload.hash;
}
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (upper-case hex), as SigV4 requires. */
const escape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Non-S3 services sign the path with each (already encoded) segment encoded once more. */
const canonicalPath = (pathname: string) => pathname.split('/').map(escape).join('/');

const canonicalQuery = (params: URLSearchParams) =>
  [...params]
    .map(([k, v]) => [escape(k), escape(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');

let cachedKey: { id: string; key: Buffer } | undefined;
function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const id = `${secret}/${day}/${region}/${service}`;
  if (cachedKey?.id !== id) cachedKey = { id, key: hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request') };
  return cachedKey.key;
}

/**
 * The headers to send: `input.headers`, `host`, `x-amz-content-sha256`, `x-amz-date`, the session token when there is
 * one, `authorization`.
 */
export function signedHeaders(input: SignInput): Record<string, string> {
  const amzDate = input.now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const payloadHash = payloadHashOf(input.body);
  // The payload hash is sent and signed as the SDK's signer does, so the two sign a request alike.
  const headers: Record<string, string> = { ...input.headers, host: input.url.host, 'x-amz-content-sha256': payloadHash, 'x-amz-date': amzDate };
  if (input.credentials.sessionToken) headers['x-amz-security-token'] = input.credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const canonical = [
    input.method,
    canonicalPath(input.url.pathname),
    canonicalQuery(input.url.searchParams),
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    names.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/${input.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  const signature = createHmac('sha256', signingKey(input.credentials.secretAccessKey, day, input.region, input.service)).update(toSign, 'utf8').digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${input.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}
