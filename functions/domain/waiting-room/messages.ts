/** The waiting room's WebSocket messages (api.md, WebSocket). */
export const rankUpdate = (concertId: string, position: number, etaSeconds: number, at: Date) => ({
  type: 'RANK_UPDATE',
  concertId,
  position,
  ahead: Math.max(0, position - 1),
  etaSeconds,
  ts: at.toISOString(),
});

export const activeMessage = (concertId: string, admissionToken: string, activeExpiresAt: string, at: Date) => ({
  type: 'ACTIVE',
  concertId,
  admissionToken,
  activeExpiresAt,
  ts: at.toISOString(),
});

export const expiredMessage = (concertId: string, at: Date) => ({ type: 'EXPIRED', concertId, ts: at.toISOString() });
