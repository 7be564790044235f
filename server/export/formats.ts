/** The export formats: content type, file extension and renderer of each, plus download names; the routes (routes.ts) build on this. */
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
export { EXPORTED_PAGE_POLICY } from './html.js';
import { renderMarkdown } from './markdown.js';
import { contentDisposition, exportDisplayName, exportFileName } from './fileName.js';
import { headingText, partsText, scopeParts, versionParts } from './model.js';
import { renderCsv, renderJson } from './openData.js';
import { pdfAvailable, renderPdf } from './pdf.js';
import type { PdfPrinter } from './pdfPrinter.js';
import type { ExportInput } from './types.js';
import { renderOds } from './ods.js';
import { printWithTocPages } from './pdfToc.js';

export type { ExportInput, ExportLang, ExportScope, ExportVersion, Issuer } from './types.js';
export { EXPORT_LANGS } from './types.js';
export { contentDisposition, exportDisplayName, exportFileName } from './fileName.js';
export { PdfUnavailableError, pdfAvailable, renderPdf } from './pdf.js';
export { PdfBusyError, PdfPrinter } from './pdfPrinter.js';
export { OfficeConverter, OfficeUnavailableError, SOFFICE_PATH, type OfficeTarget } from './office.js';
export { PagedDocxWriter } from './docxPaged.js';
export { renderOds, type OdsComment, type OdsDecision } from './ods.js';
export { renderDocx, renderHtml, renderMarkdown, renderJson, renderCsv };
export { isEnglishOutdatedJson, outdatedPathsJson } from './translationJson.js';

export interface ExportFormatSpec {
  contentType: string;
  ext: string;
  /** Whether this format needs Chromium (answer 501 when `pdfAvailable()` is false). */
  needsChromium: boolean;
  /** `printer` is the server's shared Chromium (PDF only; without it a browser of its own). */
  render(input: ExportInput, printer?: PdfPrinter): Promise<Uint8Array>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export const FORMATS = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    needsChromium: false,
    render: (input: ExportInput) => renderDocx(input),
  },
  pdf: {
    contentType: 'application/pdf',
    ext: 'pdf',
    needsChromium: true,
    // The PDF footer comes from Chromium's footer template; the HTML's own CSS footer would print twice.
    render: (input: ExportInput, printer?: PdfPrinter) => {
      const opts = { versionLabel: partsText(versionParts(input.version.label, input.lang)), lang: input.lang };
      return printWithTocPages(input, (html) => (printer ? printer.print(html, opts) : renderPdf(html, opts)));
    },
  },
  html: { contentType: 'text/html; charset=utf-8', ext: 'html', needsChromium: false, render: async (input) => utf8(renderHtml(input)) },
  md: { contentType: 'text/markdown; charset=utf-8', ext: 'md', needsChromium: false, render: async (input) => utf8(renderMarkdown(input)) },
  json: { contentType: 'application/json; charset=utf-8', ext: 'json', needsChromium: false, render: async (input) => utf8(renderJson(input)) },
  csv: { contentType: 'text/csv; charset=utf-8; header=present', ext: 'csv', needsChromium: false, render: async (input) => utf8(renderCsv(input)) },
} satisfies Record<string, ExportFormatSpec>;

export type ExportFormat = keyof typeof FORMATS;
export const isExportFormat = (s: string): s is ExportFormat => Object.hasOwn(FORMATS, s);

/**
 * OpenDocument formats (the ODF-CNS15251 standard): ODT is our DOCX converted by LibreOffice
 * (needs it installed; the route answers 501 without), ODS is written directly (ods.ts).
 */
export const ODF_FORMATS = {
  odt: { contentType: 'application/vnd.oasis.opendocument.text', ext: 'odt', needsOffice: true },
  ods: { contentType: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods', needsOffice: false },
  // The archive's PDF (PDF/A-2b): LibreOffice prints the DOCX, as Chromium can't write PDF/A.
  pdfa: { contentType: 'application/pdf', ext: 'pdf', needsOffice: true },
} as const;
export type OdfFormat = keyof typeof ODF_FORMATS;
export const isOdfFormat = (s: string): s is OdfFormat => Object.hasOwn(ODF_FORMATS, s);

/** Whether a format can be produced on this server right now. */
export const formatAvailable = (format: ExportFormat) => !FORMATS[format].needsChromium || pdfAvailable();

/**
 * The response headers of a download: the type, and a Content-Disposition with a safe ASCII
 * name plus the readable UTF-8 one (`開放政府國家行動方案（2021-2024）_第3次推動小組會議-核定本_zh.docx`).
 */
export function exportHeaders(input: ExportInput, format: ExportFormat | OdfFormat): Record<string, string> {
  const f = isOdfFormat(format) ? ODF_FORMATS[format] : FORMATS[format];
  const ascii = exportFileName(input.plan.id, input.scope, input.version.label, input.lang, f.ext);
  const mode = input.lang === 'en' ? 'en' : 'zh';
  const parts = [headingText(input.plan.title, mode), ...(input.scope.kind === 'plan' ? [] : [partsText(scopeParts(input, mode))]), partsText(versionParts(input.version.label, mode)), input.lang];
  return {
    'Content-Type': f.contentType,
    'Content-Disposition': contentDisposition(ascii, exportDisplayName(parts, f.ext)),
    'X-Content-Type-Options': 'nosniff',
  };
}
