/**
 * Demand signals behind the catalog's `sort=-popularity`: users admitted from a concert's line and seats held.
 * Recorded off the hot paths (the admission tick, and after a hold commits) and never allowed to fail them.
 */
export interface PopularitySink {
  record(concertId: string, delta: number): Promise<void>;
}
