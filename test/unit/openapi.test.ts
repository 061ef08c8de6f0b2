import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, OPENAPI_PATH } from '../../scripts/openapi';
import { restRoutes } from '../../lib/routes';

describe('the OpenAPI document', () => {
  it('documents every route in the route table, with the schemas that validate it', async () => {
    const doc = await buildOpenApi();
    for (const route of restRoutes) {
      const op = (doc.paths[route.path] as Record<string, { parameters: { name: string; in: string }[] }>)?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      for (const name of route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
        expect(op!.parameters.some((p) => p.in === 'path' && p.name === name), `${route.path} documents {${name}}`).toBe(true);
      }
    }
    // Imports every handler module, which takes a while on a loaded machine.
  }, 30_000);

  it(`is current in ${OPENAPI_PATH} (run npm run openapi after changing a route or schema)`, async () => {
    const committed = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(await buildOpenApi())));
  });
});
