import { afterEach, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, generateKeyPair } from 'jose';
import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { resetConfigCache } from '#platform/config';
import { ADMISSION_AUDIENCE, signJwt } from '#adapters/jwt/jwt';
import { handler as authorizer, apiWideResource } from '../../../functions/http/authorizer';
import { TEST_API_ID, TEST_STAGE, restAuthorizerEvent, wsConnectAuthorizerEvent } from '../../helpers/api-event';
import { logout, signedIn } from './auth-calls';

const bearer = (token: string) => restAuthorizerEvent({ path: '/v1/auth/me', headers: { Authorization: `Bearer ${token}` } });
const outcome = async (event: APIGatewayRequestAuthorizerEvent) => {
  try {
    const result = await authorizer(event);
    return result.policyDocument.Statement[0] && 'Effect' in result.policyDocument.Statement[0] ? result.policyDocument.Statement[0].Effect : 'no statement';
  } catch (e) {
    return (e as Error).message;
  }
};
/** An access token with every claim right except the ones a test overrides. */
const accessToken = (claims: Record<string, unknown> = {}, o: { audience?: string; ttlSeconds?: number; now?: Date } = {}) =>
  signJwt({ role: 'USER', tier: 'BASIC', fid: 'f', ...claims }, { audience: o.audience ?? 'ticketrush-api', subject: 'u-authz', ttlSeconds: o.ttlSeconds ?? 900, now: o.now }).then((t) => t.token);

describe('the Lambda authorizer', () => {
  afterEach(() => {
    delete process.env.JWT_ISSUER;
    resetConfigCache();
  });

  it('allows a valid bearer token for the whole API and passes the principal as context', async () => {
    const pair = await signedIn(undefined, { role: 'ADMIN', tier: 'GOLD' });
    const result = await authorizer(bearer(pair.accessToken));
    expect(result.principalId).toBe(pair.user.id);
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: `arn:aws:execute-api:us-east-1:123456789012:${TEST_API_ID}/${TEST_STAGE}/*` },
    ]);
    expect(result.context).toEqual({ userId: pair.user.id, role: 'ADMIN', tier: 'GOLD', jti: expect.any(String), tokenExpiresAt: expect.any(Number) });
  });

  it('accepts ?token= on the WebSocket $connect, and refuses a $connect without a token', async () => {
    const pair = await signedIn();
    const result = await authorizer(wsConnectAuthorizerEvent({ query: { token: pair.accessToken } }));
    expect(result.principalId).toBe(pair.user.id);
    expect(result.policyDocument.Statement[0]).toMatchObject({ Resource: `arn:aws:execute-api:us-east-1:123456789012:${TEST_API_ID}/${TEST_STAGE}/*` });
    expect(await outcome(wsConnectAuthorizerEvent({}))).toBe('Unauthorized');
  });

  it('ignores ?token= on REST routes, where tokens in URLs would land in access logs', async () => {
    const pair = await signedIn();
    expect(await outcome(restAuthorizerEvent({ path: '/v1/auth/me', query: { token: pair.accessToken } }))).toBe('Unauthorized');
  });

  it('refuses a missing header and a non-Bearer scheme', async () => {
    const pair = await signedIn();
    expect(await outcome(restAuthorizerEvent({ path: '/v1/auth/me' }))).toBe('Unauthorized');
    expect(await outcome(restAuthorizerEvent({ path: '/v1/auth/me', headers: { authorization: `Basic ${pair.accessToken}` } }))).toBe('Unauthorized');
  });

  it('refuses alg none', async () => {
    const token = new UnsecuredJWT({ role: 'ADMIN', tier: 'VIP', jti: 'j' }).setSubject('u').setIssuer('https://ticketrush.local').setAudience('ticketrush-api').setExpirationTime('10m').encode();
    expect(await outcome(bearer(token))).toBe('Unauthorized');
  });

  it('refuses a token for another audience, such as an admission token', async () => {
    expect(await outcome(bearer(await accessToken({}, { audience: ADMISSION_AUDIENCE })))).toBe('Unauthorized');
    expect(await outcome(bearer(await accessToken()))).toBe('Allow');
  });

  it('refuses a token from another issuer', async () => {
    process.env.JWT_ISSUER = 'https://evil.example';
    resetConfigCache();
    const foreign = await accessToken();
    delete process.env.JWT_ISSUER;
    resetConfigCache();
    expect(await outcome(bearer(foreign))).toBe('Unauthorized');
  });

  it('refuses an expired token', async () => {
    expect(await outcome(bearer(await accessToken({}, { now: new Date(Date.now() - 3_600_000) })))).toBe('Unauthorized');
  });

  it('refuses a tampered token (role raised to ADMIN after signing)', async () => {
    const [h, p, s] = (await accessToken()).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'ADMIN' })).toString('base64url');
    expect(await outcome(bearer(`${h}.${forged}.${s}`))).toBe('Unauthorized');
  });

  it('refuses a token signed by a key outside the key set, even with our kid', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const { activeKid } = JSON.parse(process.env.JWT_KEYS_JSON!) as { activeKid: string };
    const token = await new SignJWT({ role: 'ADMIN', tier: 'VIP' })
      .setProtectedHeader({ alg: 'ES256', kid: activeKid })
      .setSubject('u').setJti('j').setIssuer('https://ticketrush.local').setAudience('ticketrush-api').setExpirationTime('10m')
      .sign(privateKey);
    expect(await outcome(bearer(token))).toBe('Unauthorized');
  });

  it('refuses a validly signed token whose role or tier is not one we issue', async () => {
    expect(await outcome(bearer(await accessToken({ role: 'ROOT' })))).toBe('Unauthorized');
    expect(await outcome(bearer(await accessToken({ tier: 'PLATINUM' })))).toBe('Unauthorized');
  });

  it('refuses a logged-out token at once, on REST and on $connect', async () => {
    const pair = await signedIn();
    expect(await outcome(bearer(pair.accessToken))).toBe('Allow');
    expect((await logout(pair.accessToken)).status).toBe(204);
    expect(await outcome(bearer(pair.accessToken))).toBe('Unauthorized');
    expect(await outcome(wsConnectAuthorizerEvent({ query: { token: pair.accessToken } }))).toBe('Unauthorized');
  });

  it('refuses when the method ARN is not an execute-api ARN', async () => {
    const pair = await signedIn();
    expect(await outcome({ ...bearer(pair.accessToken), methodArn: 'garbage' })).toBe('Unauthorized');
    expect(apiWideResource('arn:aws:execute-api:eu-west-1:1:abc/prod/GET/v1/x/{id}')).toBe('arn:aws:execute-api:eu-west-1:1:abc/prod/*');
  });
});
