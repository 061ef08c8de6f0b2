import { localLog } from './log';

/**
 * Work the local cloud starts without awaiting (event targets, schedules, executions). `drain()` lets `stop()`
 * wait for it, so nothing touches a service after that service is gone.
 */
export class Background {
  private readonly running = new Set<Promise<unknown>>();

  run(what: string, task: () => Promise<unknown>): void {
    const p = task()
      .catch((e) => localLog.error(`${what} failed`, e))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  /** Waits for running work, at most `timeoutMs`. */
  async drain(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }
}
