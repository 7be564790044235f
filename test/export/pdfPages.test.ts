/** The reader of Chromium's PDFs gives up (null) on anything it doesn't know, so a contents page is never numbered from a guess. */
import { describe, expect, it } from 'vitest';
import { readPageMap } from '../../server/export/pdfPages.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** A two-page PDF with a classic cross-reference table and one named link, as Skia writes them. */
function tinyPdf(): string {
  const objs = [
    '<</Type /Catalog /Pages 2 0 R /Dests 5 0 R>>',
    '<</Type /Pages /Count 2 /Kids [3 0 R 4 0 R]>>',
    '<</Type /Page /Parent 2 0 R /Annots [6 0 R]>>',
    '<</Type /Page /Parent 2 0 R>>',
    '<</d1 [4 0 R /XYZ 0 800 0]>>',
    '<</Type /Annot /Subtype /Link /Rect [0 0 1 1] /Dest /d1>>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${out}trailer\n<</Size ${objs.length + 1} /Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
}

describe('readPageMap', () => {
  it('follows a named link to the page it leads to', () => {
    expect(readPageMap(enc(tinyPdf()))).toEqual({ pageCount: 2, linkPages: [2] });
  });

  it('answers null for bytes that are not such a PDF', () => {
    expect(readPageMap(enc('not a pdf'))).toBeNull();
    // A cross-reference stream (PDF 1.5 compressed xref) is not read.
    expect(readPageMap(enc('%PDF-1.5\n1 0 obj\n<</Type /XRef>>\nendobj\nstartxref\n9\n%%EOF\n'))).toBeNull();
    // An offset that points into the middle of nowhere.
    expect(readPageMap(enc(tinyPdf().replace(/startxref\n\d+/, 'startxref\n3')))).toBeNull();
  });
});
