export const STRATEGIES = ['none', 'optimistic', 'lease-lock', 'redis-lock', 'conditional'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export interface LabSeat {
  seatId: string;
  status: 'AVAILABLE' | 'HELD';
  holder?: string;
  version: number;
}

/** What a guarded write did: applied, refused by its guard, or found no such seat. */
export type WriteResult = 'applied' | 'refused' | 'missing';

/** The lab show's seats, with one write primitive per strategy. */
export interface LabSeats {
  read(seatId: string): Promise<LabSeat | undefined>;
  /** No guard at all: the last writer silently wins. */
  writeUnguarded(seatId: string, holder: string): Promise<void>;
  writeIfVersion(seatId: string, holder: string, version: number): Promise<WriteResult>;
  writeIfAvailable(seatId: string, holder: string): Promise<WriteResult>;
  /** Applies only while no newer fencing token has written the seat. */
  writeFenced(seatId: string, holder: string, fence: number): Promise<WriteResult>;
  reset(seatIds: string[]): Promise<void>;
}

/** A mutual-exclusion lock with an expiry. `acquire` returns a fencing token (monotonic per seat) or undefined. */
export interface SeatLock {
  tryAcquire(seatId: string, owner: string, ttlMs: number): Promise<number | undefined>;
  release(seatId: string, owner: string): Promise<void>;
}

export interface StrategyReport {
  attempts: number;
  successes: number;
  doubleBookings: number;
}

/** Counts attempts and who believes they won each seat, per strategy. */
export interface LabLedger {
  record(strategy: Strategy, seatId: string, userId: string, won: boolean): Promise<void>;
  report(): Promise<Record<Strategy, StrategyReport>>;
  reset(): Promise<void>;
}
