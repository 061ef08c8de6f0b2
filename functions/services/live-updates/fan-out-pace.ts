import type { FanOutMarks, Watcher } from './ports';

/**
 * Slices of a fan-out whose finish times are kept, in one Redis value. A watcher waits for the end of its whole slice,
 * so after a slow fan-out the next ones catch up by the interval's slack less one slice's duration per version: the
 * thinner the slices, the sooner a show's pushes are back to their own speed.
 */
const SLICES = 64;

/**
 * Keeps every watcher at one SEATS message per interval even when fan-outs vary in speed. Versions of a show go out
 * one after another, so a slow fan-out followed by a fast one would otherwise reach the slow one's last watchers
 * twice within a second (and burst past watchers ÷ interval calls a second). The fan-out records when each slice of
 * its watchers (by their stable watch order) was done; the next one sends to a watcher no earlier than the slice
 * holding it was done plus the interval. A steady stream of fan-outs never waits; only one that catches up does.
 */
export function fanOutPace(watchers: readonly Watcher[], last: FanOutMarks, intervalMs: number, now: () => number) {
  const size = watchers.length;
  const sliceOf = (i: number) => Math.min(SLICES - 1, Math.floor((i * SLICES) / Math.max(1, size)));
  const left = new Array<number>(SLICES).fill(0);
  for (let i = 0; i < size; i++) left[sliceOf(i)] = (left[sliceOf(i)] ?? 0) + 1;
  const doneAt = new Array<number>(SLICES).fill(0);

  return {
    /** The earliest instant watcher `i` may get this fan-out's message. */
    notBefore(i: number): number {
      const order = (watchers[i] as Watcher).order;
      // The last fan-out sent to this watcher by the end of the slice holding its place; watchers that watched in the
      // same millisecond share a place, so the latest of the slices it may have been in counts. A watcher beyond
      // every slice watched since, and never had the last message.
      let sentBy = 0;
      for (const [sliceEnd, doneAt] of last) {
        if (sliceEnd < order) continue;
        sentBy = Math.max(sentBy, doneAt);
        if (sliceEnd > order) break;
      }
      return sentBy ? sentBy + intervalMs : 0;
    },
    /** Watcher `i` got its message (or failed for good). */
    settled(i: number): void {
      const s = sliceOf(i);
      left[s] = (left[s] ?? 0) - 1;
      if (left[s] === 0) doneAt[s] = now();
    },
    /** Each non-empty slice's last watch order and when it was done, for the next fan-out of the show. */
    marks(): FanOutMarks {
      const marks: Array<[number, number]> = [];
      for (let i = 0; i < size; i++) if (i === size - 1 || sliceOf(i + 1) !== sliceOf(i)) marks.push([(watchers[i] as Watcher).order, doneAt[sliceOf(i)] ?? 0]);
      return marks;
    },
  };
}
