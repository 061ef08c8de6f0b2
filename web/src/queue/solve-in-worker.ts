import type { Challenge } from '../api/types';

/** Runs the proof of work in a module worker; `onProgress` receives the number of hashes tried so far. */
export function solveInWorker(challenge: Challenge, onProgress: (tries: number) => void): Promise<string> {
  const worker = new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ type: 'progress'; tries: number } | { type: 'done'; nonce: string }>) => {
      if (e.data.type === 'progress') return onProgress(e.data.tries);
      worker.terminate();
      resolve(e.data.nonce);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message));
    };
    worker.postMessage({ salt: challenge.salt, difficulty: challenge.difficulty });
  });
}
