/**
 * Builds the OpenAPI 3.1 document from the route catalogue (routes.ts): JSON Schemas come
 * from the routes' own zod schemas through zod's `z.toJSONSchema`, so no second copy of the
 * rules exists to fall out of date.
 */
import { z } from 'zod';
import { ROUTES, type RouteDoc } from './routes.js';

/** `/api/plans/:planId/export.:format` → `/api/plans/{planId}/export.{format}`; a trailing `*` is `{rest}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}').replace(/\*/g, '{rest}');
}

const pathParams = (path: string) => [...openApiPath(path).matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

type Json = Record<string, unknown>;

/** The input-side JSON Schema of `schema`, its `$defs` moved to `components.schemas` under `prefix`. */
function jsonSchema(schema: z.ZodType, prefix: string, components: Json): Json {
  const raw = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete raw.$schema;
  const defs = (raw.$defs ?? {}) as Json;
  delete raw.$defs;
  const rewrite = (v: Json) => JSON.parse(JSON.stringify(v).replace(/"#\/\$defs\/([^"]+)"/g, (_m, d: string) => `"#/components/schemas/${prefix}_${d}"`)) as Json;
  for (const [name, def] of Object.entries(defs)) components[`${prefix}_${name}`] = rewrite(def as Json);
  return rewrite(raw);
}

function operation(r: RouteDoc, components: Json): Json {
  const parameters: Json[] = pathParams(r.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    description: r.params?.[name]?.description ?? name,
    schema: r.params?.[name]?.values ? { type: 'string', enum: r.params[name]!.values } : { type: 'string' },
  }));
  if (r.query) {
    const q = jsonSchema(r.query, `${r.method}_${r.path}`.replace(/\W+/g, '_'), components);
    const required = new Set((q.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((q.properties ?? {}) as Json)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema });
    }
  }
  const responses: Json = {};
  for (const [status, description] of Object.entries(r.responses)) {
    const ok = status.startsWith('2');
    const type = ok ? (r.produces ?? 'application/json') : 'application/json';
    responses[status] = { description, content: { [type]: { schema: ok ? {} : { $ref: '#/components/schemas/Error' } } } };
  }
  const op: Json = {
    summary: r.summary,
    description: `Who: ${r.who}.`,
    tags: [r.feature],
    operationId: `${r.method.toLowerCase()}${openApiPath(r.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    security: r.auth === 'public' ? [] : [{ bearer: [] }, { cookie: [] }],
    parameters,
    responses,
  };
  if (r.fileBody) {
    op.requestBody = {
      required: true,
      description: r.fileBody.description,
      content: Object.fromEntries(r.fileBody.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
    };
  }
  if (r.body) {
    components[r.body.name] = jsonSchema(r.body.schema, r.body.name, components);
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body.name}` }, example: r.body.example } },
    };
  }
  return op;
}

export type OpenApiDocument = { openapi: string; info: Json; paths: Record<string, Record<string, Json>>; components: { schemas: Json; securitySchemes: Json }; tags: Json[] };

export function buildOpenApi(version = '0.1.0'): OpenApiDocument {
  const schemas: Json = {
    Error: {
      type: 'object',
      properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
      required: ['error'],
    },
  };
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of ROUTES) (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r, schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongbi (共筆) HTTP API',
      version,
      description: 'JSON bodies (Content-Type: application/json), every error as {error: {code, message}}. Live editing goes through the WebSocket at /sync/<document>, not described here.',
    },
    tags: [...new Set(ROUTES.map((r) => r.feature))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'the token answered by POST /api/auth/sign-in' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'gongbi_session', description: 'set by sign-in in the browser' },
      },
    },
  };
}
