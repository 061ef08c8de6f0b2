/// <reference lib="webworker" />
import { solveChallenge } from './pow';

/** Solves one join challenge off the main thread, reporting progress so the page can show it. */
self.onmessage = async (e: MessageEvent<{ salt: string; difficulty: number }>) => {
  const nonce = await solveChallenge(e.data.salt, e.data.difficulty, (tries) => self.postMessage({ type: 'progress', tries }));
  self.postMessage({ type: 'done', nonce });
};
