/**
 * Serves the built client: files from the build folder, and index.html for every other page
 * path so that a commitment's URL can be opened directly (the client routes it). Hashed
 * assets (`/assets/…`, their names change with their content) are cached for a year and
 * compressed; index.html is revalidated every time and carries the app's CSP.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Env, Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { compress } from 'hono/compress';
import { appPolicy } from './securityHeaders.js';

/** A page's own title and preview text (public pages), put into index.html's head. */
export type PageMetaOf = (path: string) => Promise<{ title: string; description: string } | null>;

const attr = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);

/** index.html with the page's title, description and `og:` tags (none of which is a script, so the CSP hash holds). */
function withMeta(html: string, meta: { title: string; description: string }): string {
  const title = attr(meta.title);
  const description = attr(meta.description);
  const og = [
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="共筆 Gongbi" />`,
    `<meta property="og:locale" content="zh_TW" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
  ].join('\n    ');
  return html
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>\n    ${og}`)
    .replace(/<meta name="description" content="[^"]*"\s*\/?>/, `<meta name="description" content="${description}" />`);
}

const MISSING = `<!doctype html><meta charset="utf-8"><title>Gongbi</title>
<p>The client has not been built. Run <code>npm run build</code> (or start with <code>npm start</code>, which builds it).</p>`;

export function mountClient<E extends Env>(app: Hono<E>, clientDir: string, pageMeta?: PageMetaOf): void {
  const indexFile = join(clientDir, 'index.html');
  const root = relative(process.cwd(), clientDir) || '.';
  // serveStatic complains about a missing folder when built, so only build it when there is one.
  const files = existsSync(clientDir) ? serveStatic({ root }) : null;
  if (files) {
    app.use('/assets/*', compress());
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/assets/*', files);
    app.use('/assets/*', async (c) => c.text('No such file: an old page may ask for a file of an older build. Reload the page.', 404));
  }
  // Read once per change of the file, not per request; the policy hashes its inline script.
  let page: { mtimeMs: number; html: string; policy: string } | null = null;
  const readPage = () => {
    const mtimeMs = statSync(indexFile).mtimeMs;
    if (!page || page.mtimeMs !== mtimeMs) {
      const html = readFileSync(indexFile, 'utf8');
      page = { mtimeMs, html, policy: appPolicy(html) };
    }
    return page;
  };
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (c.req.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/sync/')) return next();
    if (files && path !== '/' && !path.includes('..') && existsSync(join(clientDir, path))) return files(c, next);
    if (!existsSync(indexFile)) return c.html(MISSING, 503);
    const { html, policy } = readPage();
    const meta = pageMeta ? await pageMeta(path) : null;
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', policy);
    return c.html(meta ? withMeta(html, meta) : html);
  });
}
