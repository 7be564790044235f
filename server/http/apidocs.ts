/** `GET /api/openapi.json` and `GET /api/docs`: the API description, public, built once. */
import { Hono } from 'hono';
import { buildOpenApi, referencePage } from '../apidocs/index.js';
import { appPolicy } from './securityHeaders.js';

export function apiDocsRoutes(): Hono {
  const api = new Hono();
  let doc: ReturnType<typeof buildOpenApi> | null = null;
  let page: string | null = null;
  api.get('/openapi.json', (c) => c.json((doc ??= buildOpenApi())));
  api.get('/docs', (c) => {
    page ??= referencePage((doc ??= buildOpenApi()));
    c.header('Content-Security-Policy', appPolicy(page));
    return c.html(page);
  });
  return api;
}
