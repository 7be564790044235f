/**
 * The API reference page (`GET /api/docs`): plain HTML with one inline style and no script,
 * so it passes the app's Content-Security-Policy and needs nothing from another origin.
 */
import type { OpenApiDocument } from './openapi.js';

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pre = (v: unknown) => `<pre>${esc(JSON.stringify(v, null, 2))}</pre>`;

export function referencePage(doc: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops) as Array<[string, Record<string, any>]>) {
      const params = (op.parameters as Array<Record<string, any>>).map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''}) <code>${esc(JSON.stringify(p.schema))}</code></li>`).join('');
      const body = op.requestBody?.content?.['application/json'];
      const ref = body ? String(body.schema.$ref).split('/').pop()! : null;
      const html = `<details id="${esc(op.operationId)}"><summary><code class="m">${method.toUpperCase()}</code> <code>${esc(path)}</code> — ${esc(op.summary)}</summary>
<p>${esc(op.description)} ${op.security.length ? 'Session: bearer token or cookie.' : 'Public.'}</p>
${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}
${op.requestBody && !ref ? `<h4>Request body</h4><p>${esc(op.requestBody.description ?? '')}: ${Object.keys(op.requestBody.content).map((t) => `<code>${esc(t)}</code>`).join(', ')}</p>` : ''}
${ref ? `<h4>Request body <code>${esc(ref)}</code></h4>${pre(doc.components.schemas[ref])}<h4>Example</h4>${pre(body.example)}` : ''}
<h4>Responses</h4><ul>${Object.entries(op.responses as Record<string, { description: string }>).map(([s, r]) => `<li><code>${esc(s)}</code> ${esc(r.description)}</li>`).join('')}</ul></details>`;
      const tag = op.tags[0] as string;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const slug = (t: string) => t.toLowerCase().replace(/\W+/g, '-');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}details{border-bottom:1px solid #ddd;padding:.3rem 0}.m{font-weight:bold}</style>
</head><body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)} Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<nav><ul>${[...byTag.keys()].map((t) => `<li><a href="#${slug(t)}">${esc(t)}</a></li>`).join('')}</ul></nav>
${[...byTag].map(([t, items]) => `<section id="${slug(t)}"><h2>${esc(t)}</h2>${items.join('\n')}</section>`).join('\n')}
</body></html>`;
}
