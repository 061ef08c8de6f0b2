import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, ProvisionedThroughputExceededException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { resetConfigCache } from '#platform/config';
import { dynamoRefreshTokenStore } from '#adapters/dynamo/auth/refresh-tokens';
import { dynamoUserStore } from '#adapters/dynamo/auth/users';
import type { User } from '#domain/auth/users';

const ddb = mockClient(DynamoDBDocumentClient);
const now = new Date('2026-12-01T00:00:00.000Z');
const next = { tokenHash: 'h2', familyId: 'f1', userId: 'u1', status: 'ACTIVE' as const, issuedAt: now.toISOString(), expiresAt: '2026-12-15T00:00:00.000Z' };
const user: User = { userId: 'u1', nickname: 'n', role: 'USER', tier: 'BASIC', providers: ['kakao'], createdAt: now.toISOString() };
const cancelled = () => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] });
const throttled = () => new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });

beforeAll(() => {
  process.env.TABLE_NAME = 'unit-table';
  resetConfigCache();
});
afterEach(() => ddb.reset());

describe('refresh token store error paths', () => {
  it('reports a token spent by a racing request as spent, not as an error', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    await expect(dynamoRefreshTokenStore.rotate('h1', next, now)).resolves.toBe('spent');
  });

  it('reports a transaction conflict as busy, so the caller re-reads instead of crying reuse', async () => {
    ddb.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'conflict', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }] }),
    );
    await expect(dynamoRefreshTokenStore.rotate('h1', next, now)).resolves.toBe('busy');
  });

  it('lets a throttled rotation fail loudly instead of pretending the token was spent', async () => {
    ddb.on(TransactWriteCommand).rejects(throttled());
    await expect(dynamoRefreshTokenStore.rotate('h1', next, now)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });

  it('treats revoking a family that TTL already deleted as done', async () => {
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'gone', $metadata: {} }));
    await expect(dynamoRefreshTokenStore.revokeFamily('f1', 'LOGOUT', now)).resolves.toBeUndefined();
  });

  it('rethrows any other failure to revoke', async () => {
    ddb.on(UpdateCommand).rejects(throttled());
    await expect(dynamoRefreshTokenStore.revokeFamily('f1', 'LOGOUT', now)).rejects.toBeInstanceOf(ProvisionedThroughputExceededException);
  });
});

describe('user store error paths', () => {
  it('returns the concurrent winner when the identity was linked first', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    ddb.on(GetCommand).resolves({ Item: { userId: 'winner' } });
    await expect(dynamoUserStore.createWithIdentity(user, { provider: 'kakao', providerUserId: '42' })).resolves.toBe('winner');
  });

  it('rethrows a cancelled onboarding when no identity explains it', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    ddb.on(GetCommand).resolves({});
    await expect(dynamoUserStore.createWithIdentity(user, { provider: 'kakao', providerUserId: '42' })).rejects.toBeInstanceOf(TransactionCanceledException);
  });
});
