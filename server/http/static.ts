/**
 * Serves the built client: files from the build folder, and index.html for every other page
 * path so that a commitment's URL can be opened directly (the client routes it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Env, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

const MISSING = `<!doctype html><meta charset="utf-8"><title>Gongbi</title>
<p>The client has not been built. Run <code>npm run build</code> (or start with <code>npm start</code>, which builds it).</p>`;

export function mountClient<E extends Env>(app: Hono<E>, clientDir: string): void {
  const indexFile = join(clientDir, 'index.html');
  const root = relative(process.cwd(), clientDir) || '.';
  // serveStatic complains about a missing folder when built, so only build it when there is one.
  const files = existsSync(clientDir) ? serveStatic({ root }) : null;
  if (files) app.use('/assets/*', files);
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/sync/')) return next();
    if (files && path !== '/' && !path.includes('..') && existsSync(join(clientDir, path))) return files(c, next);
    if (!existsSync(indexFile)) return c.html(MISSING, 503);
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
