import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SourceData } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { signedHeaders, type Credentials } from '#platform/sigv4';

const bytes = (d: SourceData) => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));

/** The SDK's own signer over node's crypto: what every AWS SDK v3 client signs with. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: SourceData) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {}
}

async function sdkAuthorization(url: URL, body: string, credentials: Credentials, now: Date, service = 'execute-api', extra: Record<string, string> = {}) {
  const signer = new SignatureV4({ service, region: 'ap-northeast-2', credentials, sha256: NodeSha256 });
  const headers: Record<string, string> = { ...extra, host: url.host };
  const signed = await signer.sign(
    { method: 'POST', protocol: url.protocol, hostname: url.hostname, path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
    { signingDate: now },
  );
  return signed.headers;
}

describe('SigV4 for @connections', () => {
  const now = new Date('2026-12-02T05:06:07.089Z');
  const cases: Array<[string, string, Credentials]> = [
    ['a connection id with = and +', 'https://abc123.execute-api.ap-northeast-2.amazonaws.com/prod/@connections/L0SM9cOFvHcCIhw%3D', { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }],
    ['role credentials with a session token', 'https://abc123.execute-api.ap-northeast-2.amazonaws.com/prod/@connections/a%2Bb%2Fc', { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token/with+chars==' }],
    ['the local endpoint, with a port', 'http://127.0.0.1:4510/local/@connections/Zm9vYmFy', { accessKeyId: 'local', secretAccessKey: 'local' }],
  ];
  it.each(cases)('signs exactly as the AWS SDK signer does: %s', async (_name, href, credentials) => {
    const url = new URL(href);
    const body = JSON.stringify({ type: 'SEATS', showId: 's-1', version: 7, changes: [{ seatId: 'A-1-1', status: 'HELD' }], ts: now.toISOString() });
    const ours = signedHeaders({ method: 'POST', url, body, region: 'ap-northeast-2', service: 'execute-api', credentials, now });
    const sdk = await sdkAuthorization(url, body, credentials, now);
    expect(ours.authorization).toBe(sdk.authorization);
    expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
    expect(ours['x-amz-security-token']).toBe(sdk['x-amz-security-token']);
  });

  it('signs a DynamoDB JSON request, its content type and target included, as the AWS SDK signer does', async () => {
    const url = new URL('https://dynamodb.ap-northeast-2.amazonaws.com/');
    const body = JSON.stringify({ TableName: 't', Key: { PK: { S: 'SHOW#1' }, SK: { S: 'SEAT#A-1-1' } } });
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' };
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' };
    const ours = signedHeaders({ method: 'POST', url, body, region: 'ap-northeast-2', service: 'dynamodb', credentials, now, headers });
    const sdk = await sdkAuthorization(url, body, credentials, now, 'dynamodb', headers);
    expect(ours.authorization).toMatch(/SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token;x-amz-target,/);
    expect(ours.authorization).toBe(sdk.authorization);
    expect(ours['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
  });

  it('changes the signature when the body, the path or the secret changes', () => {
    const url = new URL('https://x.execute-api.us-east-1.amazonaws.com/prod/%40connections/abc');
    const base = { method: 'POST', url, body: '{}', region: 'us-east-1', service: 'execute-api', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, now };
    const signature = (input: typeof base) => signedHeaders(input).authorization;
    expect(signature({ ...base, body: '{"a":1}' })).not.toBe(signature(base));
    expect(signature({ ...base, url: new URL('https://x.execute-api.us-east-1.amazonaws.com/prod/%40connections/abd') })).not.toBe(signature(base));
    expect(signature({ ...base, credentials: { accessKeyId: 'a', secretAccessKey: 'c' } })).not.toBe(signature(base));
  });
});
