import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { z } from 'zod';
import { restRoutes } from '../lib/routes';
import { resolveHandler, type RestRoute } from '../lib/capabilities/types';
import type { HttpSpec, Schema } from '../functions/platform/http';
import { availabilityDocument, layoutDocument } from '../functions/domain/catalog/seat-map-documents';

/**
 * Builds the OpenAPI 3.1 document from the route table and the very zod schemas that validate each request,
 * so the document cannot drift from the code. `npm run openapi` writes docs/openapi.json; a test keeps it current.
 */
type AnySpec = HttpSpec<'public' | 'user' | 'admin', Schema | undefined, Schema | undefined, Schema | undefined>;

const ERRORS: Record<string, string> = {
  '400': 'VALIDATION_FAILED — `details.issues[]` names each bad field',
  '401': 'UNAUTHENTICATED',
  '403': 'FORBIDDEN, NOT_ADMITTED, PRESALE_TIER_REQUIRED or CHALLENGE_REQUIRED (a fresh challenge in `details.challenge`)',
  '404': 'NOT_FOUND',
  '409': 'A business conflict: SEAT_UNAVAILABLE, LIMIT_EXCEEDED, SALE_NOT_OPEN, INVALID_TRANSITION, QUEUE_FULL, IDEMPOTENCY_CONFLICT, REFUND_WINDOW_CLOSED',
  '413': 'PAYLOAD_TOO_LARGE (bodies over 64 KiB)',
  '429': 'RATE_LIMITED or ABUSE_BLOCKED, with Retry-After',
  '503': 'DEPENDENCY_UNAVAILABLE, with Retry-After',
};

/** Success bodies with a schema, by operation (the others are still described only in api.md). */
const SUCCESS_BODIES: Partial<Record<string, Schema>> = { getLayout: layoutDocument, getAvailability: availabilityDocument };

const jsonSchema = (schema: Schema, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;

function parameters(schema: Schema | undefined, where: 'query' | 'path') {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

async function operation(route: RestRoute) {
  const { entry, exportName } = resolveHandler(route.handler);
  const mod = (await import(pathToFileURL(resolve(entry)).href)) as Record<string, { spec?: AnySpec }>;
  const spec = mod[exportName]?.spec;
  if (!spec) throw new Error(`${route.method} ${route.path}: ${route.handler} is not an httpHandler`);
  const pathParams = parameters(spec.params, 'path');
  for (const name of route.path.match(/\{(\w+)\}/g)?.map((p) => p.slice(1, -1)) ?? []) {
    if (!pathParams.some((p) => p.name === name)) pathParams.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  const errorCodes = ['400', '413', '503', ...(route.auth === 'public' ? [] : ['401', '403']), '404', '409', '429'];
  return {
    operationId: exportName,
    tags: [route.path.split('/')[2] === 'admin' ? 'admin' : (route.path.split('/')[2] ?? 'misc')],
    ...(route.auth === 'public' ? { security: [] } : {}),
    ...(route.auth === 'admin' || route.notes ? { description: [route.auth === 'admin' ? 'Requires the ADMIN role.' : '', route.notes ?? ''].filter(Boolean).join(' ') } : {}),
    ...(route.stage ? { 'x-ticketrush-stage': route.stage } : {}),
    parameters: [...pathParams, ...parameters(spec.query, 'query')],
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
    responses: {
      ...(SUCCESS_BODIES[exportName]
        ? {
            '200': { description: 'Success', content: { 'application/json': { schema: jsonSchema(SUCCESS_BODIES[exportName], 'output') } } },
            '304': { description: 'Not modified: `If-None-Match` named the current `ETag`' },
          }
        : { '2XX': { description: 'Success' } }),
      ...Object.fromEntries(errorCodes.map((c) => [c, { description: ERRORS[c], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }])),
    },
  };
}

export async function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of restRoutes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = await operation(route);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'TicketRush API', version: '1.0.0', description: 'See shared/design/api.md for the narrative contract.' },
    servers: [{ url: 'http://127.0.0.1:3000', description: 'npm run local' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'requestId'],
          properties: {
            error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } } },
            requestId: { type: 'string' },
          },
        },
      },
    },
  };
}

export const OPENAPI_PATH = 'docs/openapi.json';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const doc = await buildOpenApi();
  writeFileSync(OPENAPI_PATH, `${JSON.stringify(doc, null, 2)}\n`);
  console.log(`wrote ${OPENAPI_PATH}: ${Object.keys(doc.paths).length} paths`);
}
