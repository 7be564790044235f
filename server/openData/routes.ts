/**
 * Open-data routes, without sign-in: a catalogue of the published plans (`/open-data/index.json`),
 * stable URLs that follow the latest publication (`/open-data/datapackage.json`,
 * `/open-data/latest/<table>.csv|json`; per plan `/open-data/plans/<planId>/…`) and versioned ones
 * that never change (`/open-data/<cycleId>/…`). Every file says its version, publication
 * time and content hash in headers, and carries an ETag.
 */
import { Hono, type Context } from 'hono';
import { badRequest, notFound } from '../errors.js';
import { OPEN_TABLES, type OpenData, type OpenFile, type OpenTable } from './openData.js';

const CYCLE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** `versioned`: the file has a never-changing twin under its cycle, named in Content-Location. */
function send(c: Context, file: OpenFile, immutable: boolean, versioned = true): Response {
  const etag = `"${file.hash}"`;
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    ETag: etag,
    // The latest URLs move with each publication: revalidate; a version's URLs never change.
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    'X-Gongbi-Version': encodeURIComponent(file.label),
    'X-Gongbi-Cycle': file.cycleId,
    'X-Gongbi-Published': file.publishedAt,
    'X-Gongbi-Content-SHA256': file.hash,
  };
  if (versioned) headers['Content-Location'] = immutable ? c.req.path : `/open-data/${file.cycleId}/${c.req.path.split('/').pop()}`;
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(file.body, 200, headers);
}

function parseFile(name: string): { table: OpenTable; format: 'csv' | 'json' } {
  const m = /^([a-z]+)\.(csv|json)$/.exec(name);
  const table = m?.[1] as OpenTable | undefined;
  if (!m || !table || !(OPEN_TABLES as readonly string[]).includes(table)) {
    throw notFound(`Open-data file "${name}" (use datapackage.json or one of ${OPEN_TABLES.map((t) => `${t}.csv, ${t}.json`).join(', ')})`);
  }
  return { table, format: m[2] as 'csv' | 'json' };
}

function langOf(c: Context): 'zh' | 'en' {
  const lang = c.req.query('lang') ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw badRequest(`Bad query parameter "lang" (got "${lang}"): use zh or en.`);
  return lang;
}

export function openDataRoutes({ data }: { data: OpenData }): Hono {
  const app = new Hono();
  const latest = async () => {
    const p = await data.latest();
    if (!p) throw notFound('A published version (nothing has been published yet)');
    return p;
  };
  const version = (cycleId: string) => {
    if (!CYCLE_ID.test(cycleId)) throw notFound(`A published version "${cycleId.slice(0, 100)}"`);
    return data.version(cycleId);
  };

  // One catch-all, parsed here: a `/:version/:file` pattern makes hono's router stop matching
  // the export routes' `export.:format` (it falls back to a router that reads them differently).
  app.get('/*', async (c) => {
    const rest = c.req.path.replace(/^\/open-data\/?/, '');
    if (rest === 'datapackage.json') return send(c, await data.datapackage(await latest(), '/open-data/latest'), false);
    if (rest === 'index.json') return send(c, await data.catalog(), false, false);
    const parts = rest.split('/');
    // One plan's stable URLs, for a site with several plans: /open-data/plans/<planId>/datapackage.json, …/latest/<table>.csv
    if (parts[0] === 'plans' && (parts.length === 3 || parts.length === 4)) {
      const planId = decodeURIComponent(parts[1]!);
      if (!CYCLE_ID.test(planId)) throw notFound(`A published version of the plan "${planId.slice(0, 100)}"`);
      const base = `/open-data/plans/${planId}/latest`;
      if (parts.length === 3 && parts[2] === 'datapackage.json') return send(c, await data.datapackage(await data.latestOf(planId), base), false);
      if (parts.length === 4 && parts[2] === 'latest') {
        const p = await data.latestOf(planId);
        if (parts[3] === 'datapackage.json') return send(c, await data.datapackage(p, base), false);
        const { table, format } = parseFile(parts[3]!);
        return send(c, await data.table(p, table, format, langOf(c)), false);
      }
    }
    if (parts.length !== 2) throw notFound(`Open-data path "/open-data/${rest.slice(0, 200)}" (use /open-data/index.json, /open-data/datapackage.json, /open-data/latest/<table>.csv, /open-data/plans/<planId>/latest/<table>.csv or /open-data/<cycleId>/<table>.csv)`);
    const [name, file] = parts as [string, string];
    const isLatest = name === 'latest';
    const p = isLatest ? await latest() : await version(name);
    if (file === 'datapackage.json') return send(c, await data.datapackage(p, `/open-data/${isLatest ? 'latest' : name}`), !isLatest);
    const { table, format } = parseFile(file);
    // Comments and responses are added after publication: those files are not immutable.
    return send(c, await data.table(p, table, format, langOf(c)), !isLatest && table !== 'comments');
  });
  return app;
}
