import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fan app's sources and its production build (Vite, hashed assets). */
export const webRoot = fileURLToPath(new URL('../web', import.meta.url));
export const webDist = join(webRoot, 'dist');

function newestMtime(path: string, skip: (name: string) => boolean): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) if (!skip(name)) newest = Math.max(newest, newestMtime(join(path, name), skip));
  return newest;
}

/**
 * Builds web/ into web/dist unless the build is newer than every source, so `npm run local` stays the only step
 * (a rebuild takes a few seconds; an up-to-date build costs a directory walk).
 */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<string> {
  const built = statSync(join(webDist, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(
    newestMtime(join(webRoot, 'src'), () => false),
    newestMtime(join(webRoot, 'public'), () => false),
    newestMtime(join(webRoot, 'index.html'), () => false),
    newestMtime(join(webRoot, 'vite.config.ts'), () => false),
  );
  if (built > sources) return webDist;
  log('building the web app (vite build)');
  const { build } = await import('vite');
  await build({ configFile: join(webRoot, 'vite.config.ts'), logLevel: 'warn' });
  return webDist;
}
