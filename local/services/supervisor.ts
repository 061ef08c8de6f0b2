import type { ChildProcess } from 'node:child_process';
import { localLog } from '../log';
import type { RunningService } from './types';

/** A service backed by one child process, as its start function returns it. */
export interface ChildService extends RunningService {
  child: ChildProcess;
}

export interface SupervisedService extends RunningService {
  /** The current child's pid (changes after a restart); undefined while it is down. */
  pid(): number | undefined;
}

const BACKOFF_MS = [250, 500, 1000, 2000];

/**
 * Keeps one child service running: when its process exits without being asked to, it says so in one log line,
 * starts it again on the same port (so every endpoint in the handlers' environment stays valid) and runs
 * `afterRestart` (e.g. recreate the table of an in-memory DynamoDB Local). `stop()` stops whichever child is current,
 * also one started by a restart, so Ctrl-C leaves nothing running.
 */
export async function supervise(
  start: () => Promise<ChildService>,
  o: { dataKept: boolean; afterRestart?: () => Promise<void> },
): Promise<SupervisedService> {
  let current: ChildService | undefined = await start();
  let stopping = false;
  let restarting: Promise<void> | undefined;
  const { name, endpoint } = current;

  const watch = (service: ChildService) => {
    service.child.once('exit', (code, signal) => {
      if (stopping || current !== service) return;
      current = undefined;
      const data = o.dataKept ? 'its data is kept on disk (LOCAL_DATA_DIR)' : 'it ran in memory, so its data is lost (set LOCAL_DATA_DIR to keep it)';
      localLog.warn(`${name} exited (${signal ?? `code ${code}`}); restarting it on ${endpoint} — ${data}`, { service: name });
      restarting = restart().finally(() => (restarting = undefined));
    });
  };

  const restart = async () => {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        const next = await start();
        if (stopping) return next.stop();
        current = next;
        watch(next);
        await o.afterRestart?.();
        localLog.warn(`${name} is back on ${endpoint}`, { service: name, attempt: attempt + 1 });
        return;
      } catch (e) {
        localLog.error(`${name} did not restart; trying again`, e, { service: name });
        await new Promise((r) => setTimeout(r, BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)]));
      }
    }
  };

  watch(current);
  return {
    name,
    endpoint,
    pid: () => current?.child.pid,
    async stop() {
      stopping = true;
      await restarting;
      await current?.stop();
      current = undefined;
    },
  };
}
