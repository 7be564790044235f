/**
 * Download routes: the plan, a domain or a commitment as DOCX/PDF/PDF-A/HTML/MD/JSON/CSV/ODT/ODS
 * from a review-cycle snapshot or the live text, and the redline of what changed between two
 * versions. A snapshot's URL always yields the same bytes (PDFs and ODTs are cached on disk for that).
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireUser } from '../auth/middleware.js';
import { badRequest } from '../errors.js';
import {
  EXPORT_LANGS,
  FORMATS,
  ODF_FORMATS,
  OfficeConverter,
  OfficeUnavailableError,
  PagedDocxWriter,
  PdfUnavailableError,
  exportHeaders,
  isExportFormat,
  isOdfFormat,
  pdfAvailable,
  renderOds,
  type ExportFormat,
  type ExportInput,
  type Issuer,
  type OdfFormat,
  type OdsDecision,
  type PdfPrinter,
} from './formats.js';
import { REDLINE_FORMATS, REDLINE_LAYOUTS, isRedlineFormat, redlineHeaders, type RedlineInput } from './redline.js';
import { CHROMIUM_PATH } from './pdf.js';
import { EXPORTED_PAGE_POLICY } from './formats.js';
import { canonicalJSON, sha256Hex, formatRef, parseRef, REF_FORMS, type VersionDeps, type VersionRef } from '../versions/index.js';
import { publicCommentsOf, resolveExportInput, resolveRedline } from './inputs.js';
import { RenderCache } from './renderCache.js';

export interface ExportDeps extends VersionDeps {
  /** `<dataDir>/exports/` keeps the PDF bytes of snapshot exports. */
  dataDir: string;
  /** The process's one Chromium, its queue and concurrency cap. */
  pdf: PdfPrinter;
  /** The agency named on the covers (GONGBI_ISSUING_AGENCY); absent: the default. */
  issuer?: Issuer;
  /** LibreOffice, for ODT (GONGBI_SOFFICE); one conversion at a time. */
  office?: OfficeConverter;
  /** Writes DOCX with the contents' page numbers, off the event loop (snapshots, ODT, PDF/A). */
  pagedDocx?: PagedDocxWriter;
  /** The decided suggestions of a plan, for the workbook's decisions sheet (absent: none). */
  decisionsOf?: (planId: string) => Promise<OdsDecision[]>;
}

const isRef = (s: string) => {
  try {
    parseRef(s, 'version');
    return true;
  } catch {
    return false;
  }
};
const ref = z.string().refine(isRef, `use ${REF_FORMS}`);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'use an id of letters, digits, "-" and "_"');
const lang = z.enum(EXPORT_LANGS, { error: `use one of ${EXPORT_LANGS.join(', ')}` });

export const exportQuery = z.object({ version: ref.default('live'), lang: lang.default('zh'), domain: id.optional(), commitment: id.optional() });
export const redlineQuery = z.object({
  from: ref.optional(),
  to: ref.default('live'),
  lang: lang.default('zh'),
  commitment: id.optional(),
  layout: z.enum(REDLINE_LAYOUTS, { error: `use one of ${REDLINE_LAYOUTS.join(', ')}` }).default('list'),
});

/** Validates the query; a bad value is a 400 naming the parameter, what was sent and what is accepted. */
function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw = c.req.query();
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const name = String(i.path[0] ?? 'query');
    return `"${name}"${raw[name] !== undefined ? ` (got "${raw[name]}")` : ''}: ${i.message}`;
  });
  throw badRequest(`Bad query parameter ${problems.join('; ')}.`);
}

const badFormat = (got: string, accepted: readonly string[]) => badRequest(`Bad format "${got}" in the URL: use one of ${accepted.join(', ')}.`);

const CSP = EXPORTED_PAGE_POLICY;

/** Immutable versions are cached for a year and revalidated by ETag; live text never. */
function send(c: Context, bytes: Uint8Array, headers: Record<string, string>, immutable: boolean): Response {
  const etag = `"${createHash('sha256').update(bytes).digest('hex')}"`;
  const out: Record<string, string> = { ...headers, ETag: etag, 'Cache-Control': immutable ? 'private, max-age=31536000, immutable' : 'no-store' };
  if (headers['Content-Type']?.startsWith('text/html')) out['Content-Security-Policy'] = CSP;
  if (immutable && c.req.header('if-none-match') === etag) return c.body(null, 304, out);
  return c.body(new Uint8Array(bytes), 200, out);
}

/** The disk-cache key of a snapshot's rendering: the request and a hash of what it shows. */
const cacheKey = (format: string, input: ExportInput, ref: VersionRef) =>
  sha256Hex(canonicalJSON({ v: 1, format, planId: input.plan.id, scope: input.scope, version: formatRef(ref), lang: input.lang, content: sha256Hex(canonicalJSON(input)) }));

async function render(input: ExportInput, format: ExportFormat, ref: VersionRef, cache: RenderCache, printer: PdfPrinter, paged: PagedDocxWriter): Promise<Uint8Array> {
  // A snapshot's DOCX is made once, with the contents' page numbers laid out (seconds), and kept.
  if (format === 'docx' && ref.kind !== 'live') return cache.get(cacheKey('docx-paged', input, ref), () => paged.render(input), 'docx');
  if (format !== 'pdf') return FORMATS[format].render(input);
  // Chromium stamps the print date into a PDF: a snapshot's PDF is printed once and kept.
  const print = () => {
    if (!pdfAvailable()) throw new PdfUnavailableError(`Chromium was not found at ${CHROMIUM_PATH}`);
    return FORMATS.pdf.render(input, printer);
  };
  return ref.kind === 'live' ? print() : cache.get(cacheKey(format, input, ref), print);
}

/** ODT and PDF/A: the DOCX converted by LibreOffice, which stamps the time: kept on disk for a snapshot, like a PDF. */
function renderByOffice(input: ExportInput, to: 'odt' | 'pdfa', ref: VersionRef, cache: RenderCache, office: OfficeConverter, paged: PagedDocxWriter): Promise<Uint8Array> {
  const convert = async () => {
    if (!office.available()) throw new OfficeUnavailableError(office.path);
    // LibreOffice doesn't update fields: the DOCX it converts carries the contents' page numbers.
    return office.convert(await paged.render(input), 'docx', to);
  };
  return ref.kind === 'live' ? convert() : cache.get(cacheKey(to, input, ref), convert, ODF_FORMATS[to].ext);
}

export function exportRoutes(deps: ExportDeps): Hono<AuthEnv> {
  const api = new Hono<AuthEnv>();
  const cache = new RenderCache(deps.dataDir);
  const office = deps.office ?? new OfficeConverter();
  const paged = deps.pagedDocx ?? new PagedDocxWriter();
  const allFormats = [...Object.keys(FORMATS), ...Object.keys(ODF_FORMATS)];


  api.get('/plans/:planId/export.:format', async (c) => {
    const format = c.req.param('format') ?? '';
    if (!isExportFormat(format) && !isOdfFormat(format)) throw badFormat(format, allFormats);
    const q = readQuery(c, exportQuery);
    if (q.domain && q.commitment) throw badRequest('Bad query parameters "domain" and "commitment": give one of them (or neither, for the whole plan), not both.');
    const version = parseRef(q.version, 'version');
    const planId = c.req.param('planId') ?? '';
    const input: ExportInput = { ...(await resolveExportInput(deps, planId, version, q)), issuer: deps.issuer };
    if (isOdfFormat(format)) return sendOdf(c, input, format, version);
    return send(c, await render(input, format, version, cache, deps.pdf, paged), exportHeaders(input, format), version.kind !== 'live');
  });

  api.get('/plans/:planId/redline.:format', async (c) => {
    const format = c.req.param('format') ?? '';
    if (!isRedlineFormat(format)) throw badFormat(format, Object.keys(REDLINE_FORMATS));
    const q = readQuery(c, redlineQuery);
    const planId = c.req.param('planId') ?? '';
    const input: RedlineInput = { ...(await resolveRedline(deps, planId, q)), issuer: deps.issuer };
    const immutable = input.from.ref !== 'live' && input.to.ref !== 'live';
    const f = REDLINE_FORMATS[format];
    const draw = () => {
      if (f.needs === 'office' && !office.available()) throw new OfficeUnavailableError(office.path);
      if (f.needs === 'chromium' && !pdfAvailable()) throw new PdfUnavailableError(`Chromium was not found at ${CHROMIUM_PATH}`);
      return f.render(input, q.layout, { office, printer: deps.pdf });
    };
    // LibreOffice and Chromium stamp the time: between two snapshots, convert once and keep the file.
    const key = sha256Hex(canonicalJSON({ v: 1, kind: 'redline', format, layout: q.layout, content: sha256Hex(canonicalJSON(input)) }));
    const bytes = immutable && f.needs ? await cache.get(key, draw, f.ext) : await draw();
    return send(c, bytes, redlineHeaders(input, format, q.commitment, q.layout), immutable);
  });

  async function sendOdf(c: Context, input: ExportInput, format: OdfFormat, version: VersionRef): Promise<Response> {
    if (format !== 'ods') return send(c, await renderByOffice(input, format, version, cache, office, paged), exportHeaders(input, format), version.kind !== 'live');
    // The comments and their responses keep changing after a snapshot: the workbook is never cached as immutable.
    const comments = await publicCommentsOf(deps, input.plan.id, input.commitments.map((x) => x.id));
    const decisions = (await deps.decisionsOf?.(input.plan.id)) ?? [];
    return send(c, renderOds(input, comments, decisions), exportHeaders(input, format), false);
  }

  return api;
}
