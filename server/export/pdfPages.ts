/**
 * Reads back, from a PDF that Chromium printed, the page each internal link points to: the
 * table of contents of the first print links to every domain and commitment, so the page
 * numbers it must show come from where Chromium actually put them. Chromium (Skia) writes a
 * classic cross-reference table, uncompressed dictionaries and named destinations in the
 * catalog's /Dests; anything else is not a PDF this reader knows, and it says so (`null`)
 * rather than guess.
 */

interface PdfObjects {
  text: string;
  offsets: Map<number, number>;
}

/** Object number → byte offset, from the cross-reference table `startxref` points to. */
function readXref(text: string): Map<number, number> | null {
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-256));
  if (!start) return null;
  let at = Number(start[1]);
  if (!text.startsWith('xref', at)) return null;
  at += 4;
  const offsets = new Map<number, number>();
  const section = /\s*(\d+) (\d+)\s*\n/y;
  const entry = /(\d{10}) (\d{5}) ([nf])\s*\n?/y;
  for (;;) {
    section.lastIndex = at;
    const head = section.exec(text);
    if (!head) break;
    at = section.lastIndex;
    const first = Number(head[1]);
    const count = Number(head[2]);
    for (let i = 0; i < count; i++) {
      entry.lastIndex = at;
      const e = entry.exec(text);
      if (!e) return null;
      at = entry.lastIndex;
      if (e[3] === 'n') offsets.set(first + i, Number(e[1]));
    }
  }
  return offsets.size ? offsets : null;
}

/** The dictionary text of object `n` (up to its stream or its end). */
function objectText({ text, offsets }: PdfObjects, n: number): string | null {
  const at = offsets.get(n);
  if (at === undefined || !text.startsWith(`${n} 0 obj`, at)) return null;
  const end = text.indexOf('endobj', at);
  const stream = text.indexOf('stream', at);
  return text.slice(at, stream !== -1 && stream < end ? stream : end);
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The page objects in reading order, walking the page tree from its root. */
function pageList(pdf: PdfObjects, root: number): number[] {
  const pages: number[] = [];
  const walk = (n: number, depth: number) => {
    const dict = objectText(pdf, n);
    if (!dict || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict);
      for (const m of (kids?.[1] ?? '').matchAll(/(\d+) 0 R/g)) walk(Number(m[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(dict)) pages.push(n);
  };
  walk(root, 0);
  return pages;
}

export interface PdfPageMap {
  pageCount: number;
  /** For each internal link, in reading order (page by page, then as the page lists them), the 1-based page it leads to. */
  linkPages: number[];
}

/** The pages of a Chromium-printed PDF and where its internal links lead, or null if it can't be read so. */
export function readPageMap(pdf: Uint8Array): PdfPageMap | null {
  // latin1 keeps one character per byte, so offsets in the text are byte offsets.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const offsets = readXref(text);
  if (!offsets) return null;
  const objects: PdfObjects = { text, offsets };
  const trailer = text.lastIndexOf('trailer');
  const rootRef = trailer === -1 ? null : ref(text.slice(trailer), 'Root');
  const catalog = rootRef === null ? null : objectText(objects, rootRef);
  if (!catalog) return null;
  const pagesRoot = ref(catalog, 'Pages');
  if (pagesRoot === null) return null;
  const pages = pageList(objects, pagesRoot);
  const pageNumber = new Map(pages.map((n, i) => [n, i + 1]));

  const dests = new Map<string, number>();
  const destsRef = ref(catalog, 'Dests');
  const destsDict = destsRef === null ? '' : (objectText(objects, destsRef) ?? '');
  for (const m of destsDict.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageNumber.get(Number(m[2]));
    if (page !== undefined) dests.set(m[1]!, page);
  }

  const linkPages: number[] = [];
  for (const page of pages) {
    const dict = objectText(objects, page) ?? '';
    const annots = /\/Annots\s*\[([^\]]*)\]/.exec(dict);
    for (const m of (annots?.[1] ?? '').matchAll(/(\d+) 0 R/g)) {
      const annot = objectText(objects, Number(m[1])) ?? '';
      if (!/\/Subtype\s*\/Link\b/.test(annot)) continue;
      const named = /\/Dest\s*\/([^\s/[\]<>()]+)/.exec(annot);
      const direct = /\/Dest\s*\[\s*(\d+) 0 R/.exec(annot);
      const target = named ? dests.get(named[1]!) : direct ? pageNumber.get(Number(direct[1])) : undefined;
      if (target !== undefined) linkPages.push(target);
    }
  }
  return { pageCount: pages.length, linkPages };
}
