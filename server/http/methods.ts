/**
 * Which methods the API answers on a path, read from the app's own route table: a request
 * with another method on a known path answers 405 with `Allow`, an unknown path 404.
 */
import type { Hono } from 'hono';

type AnyHono = Pick<Hono, 'routes'>;

/** A Hono path pattern (`/api/plans/:planId/export.:format`, `*`) as an anchored RegExp. */
export function patternRegExp(path: string): RegExp {
  const body = path.replace(/:\w+(\{[^}]*\})?|\*|[.+?^${}()|[\]\\]/g, (m) => (m === '*' ? '.*' : m.startsWith(':') ? '[^/]+' : `\\${m}`));
  return new RegExp(`^${body}$`);
}

/** A lookup of the methods routed for a path (middleware, mounted for every method, left out). */
export function allowedMethods(app: AnyHono): (path: string) => string[] {
  let table: Array<{ method: string; re: RegExp }> | null = null;
  return (path) => {
    // Built on first use: by then every route is mounted.
    table ??= app.routes.filter((r) => r.method !== 'ALL').map((r) => ({ method: r.method, re: patternRegExp(r.path) }));
    const methods = new Set(table.filter((r) => r.re.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
