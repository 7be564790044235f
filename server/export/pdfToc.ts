/**
 * A PDF whose table of contents shows page numbers. Chromium can't number pages in the text
 * (no `target-counter()`), so the document is printed once with an empty page column, the
 * page each contents link leads to is read back from that PDF, and it is printed again with
 * the numbers filled in. The column has a fixed width, so filling it in moves nothing; a
 * third print settles the rare case where it did. A PDF the reader can't follow is kept as
 * printed, without numbers, rather than given wrong ones.
 */
import { renderHtml } from './html.js';
import { outline } from './model.js';
import { readPageMap } from './pdfPages.js';
import type { ExportInput } from './types.js';

/** Prints HTML to PDF (the shared printer, or a browser of its own). */
export type PrintHtml = (html: string) => Promise<Uint8Array>;

const MAX_PRINTS = 3;

const tocEntries = (input: ExportInput) => outline(input).reduce((n, g) => n + 1 + g.commitments.length, 0);

export async function printWithTocPages(input: ExportInput, print: PrintHtml): Promise<Uint8Array> {
  const entries = tocEntries(input);
  let pages: Array<number | null> = new Array<number | null>(entries).fill(null);
  let pdf = await print(renderHtml(input, { pageFooter: false, tocPages: pages }));
  for (let printed = 1; printed < MAX_PRINTS; printed++) {
    const found = readPageMap(pdf)?.linkPages.slice(0, entries);
    if (!found || found.length !== entries) return pdf;
    if (found.every((p, i) => p === pages[i])) return pdf;
    pages = found;
    pdf = await print(renderHtml(input, { pageFooter: false, tocPages: pages }));
  }
  return pdf;
}
