import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export interface ConnectionPost {
  connectionId: string;
  body: Record<string, unknown>;
}

/**
 * A stand-in for API Gateway's @connections endpoint for the test file: records every post and answers 410
 * GoneException for connection ids starting with `gone`. Points WS_MANAGEMENT_ENDPOINT at itself.
 */
export function useConnectionsStandIn(): { posts: ConnectionPost[] } {
  const posts: ConnectionPost[] = [];
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const connectionId = decodeURIComponent(req.url?.split('/@connections/')[1] ?? '');
        if (connectionId.startsWith('gone')) {
          res.writeHead(410, { 'x-amzn-errortype': 'GoneException', 'content-type': 'application/json' }).end('{"message":"Gone"}');
          return;
        }
        posts.push({ connectionId, body: JSON.parse(Buffer.concat(chunks).toString()) });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    process.env.WS_MANAGEMENT_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/local`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return { posts };
}
