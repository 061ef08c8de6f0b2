import { describe, expect, it } from 'vitest';
import { decideRefresh, type RefreshFamily, type RefreshTokenRecord } from '#domain/auth/refresh-rotation';

const now = new Date('2026-12-01T00:00:00.000Z');
const record = (over: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
  tokenHash: 'h1',
  familyId: 'f1',
  userId: 'u1',
  status: 'ACTIVE',
  issuedAt: '2026-11-30T00:00:00.000Z',
  expiresAt: '2026-12-10T00:00:00.000Z',
  ...over,
});
const family = (over: Partial<RefreshFamily> = {}): RefreshFamily => ({ familyId: 'f1', userId: 'u1', status: 'ACTIVE', startedAt: '2026-11-30T00:00:00.000Z', ...over });

describe('refresh rotation rules', () => {
  it('rotates an active, unexpired token of an active family', () => {
    expect(decideRefresh(record(), family(), now)).toEqual({ action: 'rotate', record: record(), family: family() });
  });

  it('revokes the whole family when a spent token comes back', () => {
    expect(decideRefresh(record({ status: 'ROTATED' }), family(), now)).toEqual({ action: 'revoke-family', familyId: 'f1' });
  });

  it('treats a spent token as reuse even after it expired', () => {
    expect(decideRefresh(record({ status: 'ROTATED', expiresAt: '2026-11-30T12:00:00.000Z' }), family(), now).action).toBe('revoke-family');
  });

  it('refuses any token of a revoked family without revoking again', () => {
    expect(decideRefresh(record(), family({ status: 'REVOKED' }), now)).toEqual({ action: 'reject', reason: 'revoked' });
    expect(decideRefresh(record({ status: 'ROTATED' }), family({ status: 'REVOKED' }), now)).toEqual({ action: 'reject', reason: 'revoked' });
  });

  it('refuses an expired token, at the exact expiry instant too', () => {
    expect(decideRefresh(record({ expiresAt: now.toISOString() }), family(), now)).toEqual({ action: 'reject', reason: 'expired' });
  });

  it('refuses an unknown token, or one whose family is missing or does not match', () => {
    expect(decideRefresh(undefined, undefined, now)).toEqual({ action: 'reject', reason: 'unknown' });
    expect(decideRefresh(record(), undefined, now)).toEqual({ action: 'reject', reason: 'unknown' });
    expect(decideRefresh(record(), family({ familyId: 'other' }), now)).toEqual({ action: 'reject', reason: 'unknown' });
  });
});
