import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';

describe('the web app’s typed API client', () => {
  it('is generated from the current docs/openapi.json (run `npm run web:api` after `npm run openapi`)', async () => {
    const generated = astToString(await openapiTS(new URL('../../../docs/openapi.json', import.meta.url)));
    const committed = readFileSync(new URL('../../../web/src/api/schema.d.ts', import.meta.url), 'utf8');
    expect(committed.endsWith(generated)).toBe(true);
  }, 30_000);
});
