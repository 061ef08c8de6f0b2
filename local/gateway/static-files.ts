import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { sendJson } from './http-io';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
};

/** Security headers for every file (the CSP names the public origin, known once the server listens). */
export type SecurityHeaders = () => Record<string, string>;

/**
 * Serves the built web app folder. Paths without a file extension fall back to index.html so client-side routes
 * load. Files under assets/ carry a content hash in their name and are cached for a year; everything else is
 * revalidated. Nothing outside the folder is reachable.
 */
export function staticFiles(root: string, securityHeaders: SecurityHeaders = () => ({})) {
  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'Static files are read-only' } });
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    } catch {
      return notFound(res);
    }
    if (relative.split(sep).includes('..')) return notFound(res);
    const candidates = [join(root, relative), join(root, relative, 'index.html')];
    if (!extname(relative)) candidates.push(join(root, 'index.html'));
    for (const file of candidates) {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      const hashed = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
      res.writeHead(200, {
        ...securityHeaders(),
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file).pipe(res);
      return;
    }
    notFound(res);
  };
}

function notFound(res: ServerResponse): void {
  sendJson(res, 404, { error: { code: 'NOT_FOUND', message: 'No such file' } });
}
