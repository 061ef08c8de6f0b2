/** Time and ids are injected so that domain code and tests control them. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  constructor(private current: Date = new Date('2026-12-01T00:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

export const toIso = (d: Date): string => d.toISOString();
export const addSeconds = (d: Date, seconds: number): Date => new Date(d.getTime() + seconds * 1000);
export const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
