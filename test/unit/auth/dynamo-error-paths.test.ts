import { describe, expect, it } from 'vitest';
import { TransactionCanceledException } from '#platform/clients/dynamo-errors';
import { classifyDependencyError } from '#platform/dependency-errors';
import { dynamoRefreshTokenStore } from '#adapters/dynamo/auth/refresh-tokens';
import { dynamoUserStore } from '#adapters/dynamo/auth/users';
import type { User } from '#domain/auth/users';
import { failure, ok, useDynamoStandIn } from '../../helpers/dynamo-stand-in';

/** The real client against a loopback DynamoDB that answers each error as DynamoDB does. */
const db = useDynamoStandIn();
const now = new Date('2026-12-01T00:00:00.000Z');
const next = { tokenHash: 'h2', familyId: 'f1', userId: 'u1', status: 'ACTIVE' as const, issuedAt: now.toISOString(), expiresAt: '2026-12-15T00:00:00.000Z' };
const user: User = { userId: 'u1', nickname: 'n', role: 'USER', tier: 'BASIC', providers: ['kakao'], createdAt: now.toISOString() };
const cancelled = (...codes: string[]) => failure(400, 'TransactionCanceledException', { CancellationReasons: codes.map((Code) => ({ Code })) });
const throttled = () => failure(400, 'ProvisionedThroughputExceededException');
const throttledTwice = [throttled(), throttled()];

describe('refresh token store error paths', () => {
  it('reports a token spent by a racing request as spent, not as an error', async () => {
    db.on('TransactWriteItems', cancelled('ConditionalCheckFailed', 'None', 'None'));
    await expect(dynamoRefreshTokenStore.rotate('h1', next, now)).resolves.toBe('spent');
  });

  it('reports a transaction conflict as busy, so the caller re-reads instead of crying reuse', async () => {
    db.on('TransactWriteItems', cancelled('TransactionConflict', 'None', 'None'));
    await expect(dynamoRefreshTokenStore.rotate('h1', next, now)).resolves.toBe('busy');
  });

  it('lets a throttled rotation fail loudly instead of pretending the token was spent', async () => {
    db.on('TransactWriteItems', ...throttledTwice);
    const error = await dynamoRefreshTokenStore.rotate('h1', next, now).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException' });
    expect(classifyDependencyError(error)?.failure).toBe('throttled');
  });

  it('treats revoking a family that TTL already deleted as done', async () => {
    db.on('UpdateItem', failure(400, 'ConditionalCheckFailedException'));
    await expect(dynamoRefreshTokenStore.revokeFamily('f1', 'LOGOUT', now)).resolves.toBeUndefined();
    expect(db.sent.map((r) => r.body.ConditionExpression)).toEqual(['attribute_exists(PK)']);
  });

  it('rethrows any other failure to revoke', async () => {
    db.on('UpdateItem', ...throttledTwice);
    await expect(dynamoRefreshTokenStore.revokeFamily('f1', 'LOGOUT', now)).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
  });
});

describe('user store error paths', () => {
  it('returns the concurrent winner when the identity was linked first', async () => {
    db.on('TransactWriteItems', cancelled('None', 'ConditionalCheckFailed'));
    db.on('GetItem', ok({ Item: { userId: { S: 'winner' } } }));
    await expect(dynamoUserStore.createWithIdentity(user, { provider: 'kakao', providerUserId: '42' })).resolves.toBe('winner');
  });

  it('rethrows a cancelled onboarding when no identity explains it', async () => {
    db.on('TransactWriteItems', cancelled('None', 'ConditionalCheckFailed'));
    db.on('GetItem', ok({}));
    await expect(dynamoUserStore.createWithIdentity(user, { provider: 'kakao', providerUserId: '42' })).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
