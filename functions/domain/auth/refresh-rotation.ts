/**
 * Refresh-token rotation with reuse detection. Every refresh spends the presented token and issues a new one in
 * the same family. A spent token presented again means two parties hold the family (a thief or a replay), so
 * the whole family is revoked and both must sign in again.
 */
export type RefreshTokenStatus = 'ACTIVE' | 'ROTATED';
export type RefreshFamilyStatus = 'ACTIVE' | 'REVOKED';

export interface RefreshTokenRecord {
  tokenHash: string;
  familyId: string;
  userId: string;
  status: RefreshTokenStatus;
  issuedAt: string;
  expiresAt: string;
}

export interface RefreshFamily {
  familyId: string;
  userId: string;
  status: RefreshFamilyStatus;
  startedAt: string;
  revokedReason?: 'REUSE' | 'LOGOUT';
}

export type RefreshRejection = 'unknown' | 'expired' | 'revoked';

export type RefreshDecision =
  | { action: 'rotate'; record: RefreshTokenRecord; family: RefreshFamily }
  | { action: 'revoke-family'; familyId: string }
  | { action: 'reject'; reason: RefreshRejection };

export function decideRefresh(record: RefreshTokenRecord | undefined, family: RefreshFamily | undefined, now: Date): RefreshDecision {
  if (!record || !family || family.familyId !== record.familyId) return { action: 'reject', reason: 'unknown' };
  if (family.status === 'REVOKED') return { action: 'reject', reason: 'revoked' };
  // Reuse is checked before expiry: a spent token is evidence of theft however old it is.
  if (record.status === 'ROTATED') return { action: 'revoke-family', familyId: family.familyId };
  if (now.getTime() >= Date.parse(record.expiresAt)) return { action: 'reject', reason: 'expired' };
  return { action: 'rotate', record, family };
}
