import type { Clock } from '#platform/clock';
import type { AdmissionTokens, JoinResult, PlacementView, WaitingLine } from './ports';

/**
 * The line as the services read it: every ACTIVE placement carries an admission token minted from the slot at read
 * time (a JWT bound to user, concert and slot expiry). Because the token is derived from the slot rather than stored
 * beside it, there is no instant — mid-tick, or after a tick crashed between admitting and pushing — when a user is
 * ACTIVE without a usable token.
 */
export function lineWithSlotTokens(line: WaitingLine, tokens: AdmissionTokens, clock: Clock): WaitingLine {
  async function withToken<V extends PlacementView>(concertId: string, userId: string, view: V): Promise<V> {
    const p = view.placement;
    if (p.state !== 'ACTIVE') return view;
    const admissionToken = await tokens.issue(userId, concertId, p.expiresAtMs, clock.now());
    return { ...view, placement: { ...p, admissionToken } };
  }
  const reads: Pick<WaitingLine, 'join' | 'placement'> = {
    async join(concertId, userId, o): Promise<JoinResult | 'FULL'> {
      const result = await line.join(concertId, userId, o);
      return result === 'FULL' ? result : withToken(concertId, userId, result);
    },
    placement: async (concertId, userId, nowMs) => withToken(concertId, userId, await line.placement(concertId, userId, nowMs)),
  };
  // Every other method is the line's own (bound, so class-based lines keep working).
  return new Proxy(line, {
    get: (target, prop, receiver) =>
      prop === 'join' || prop === 'placement' ? reads[prop] : (Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown)?.bind?.(target),
  });
}
