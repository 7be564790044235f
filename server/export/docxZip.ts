/** Makes a docx package byte-reproducible: docx stamps `new Date()` into core.xml and into every zip entry's mtime. */
import { unzipSync, zipSync, type Zippable } from 'fflate';

/** ISO date of the version, as the document's created/modified time; a fixed epoch when it isn't a date. */
export function coreTimestamp(isoDate: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) && !Number.isNaN(Date.parse(isoDate)) ? `${isoDate}T00:00:00Z` : '2000-01-01T00:00:00Z';
}

// fflate writes DOS times from local-time getters, so a local-time Date gives the same bytes in every time zone
// (noon avoids the midnight DST gaps some zones have).
const ZIP_MTIME = new Date(1980, 0, 1, 12, 0, 0);

/**
 * docx numbers the TOC's heading bookmarks from a process-wide counter, so the second export
 * of a document would get `_Toc25` where the first got `_Toc1`. Renumbers them in order of
 * appearance, matching only inside tags (`<` is always escaped in text, so user text can't match).
 */
export function renumberBookmarks(xml: string): string {
  const map = new Map<string, string>();
  const next = (old: string) => map.get(old) ?? (map.set(old, String(map.size + 1)), map.get(old)!);
  const rename = (_m: string, head: string, num: string) => head + next(num);
  return xml
    .replace(/(<w:(?:hyperlink|bookmarkStart)\b[^>]*?\bw:(?:anchor|name)="_Toc)(\d+)/g, rename)
    .replace(/(<w:instrText\b[^>]*>\s*PAGEREF _Toc)(\d+)/g, rename)
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)/g, rename);
}

/** Re-zips with fixed dates; `transforms` rewrite named XML parts on the way. */
export function reproducibleZip(zip: Uint8Array, timestamp: string, transforms: Record<string, (xml: string) => string> = {}): Uint8Array {
  const files = unzipSync(zip);
  const out: Zippable = {};
  // [Content_Types].xml first, as Office writes it; then docx's own (fixed) order.
  const names = Object.keys(files).sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  for (const name of names) {
    const data = files[name]!;
    let bytes = data;
    const transform = transforms[name];
    if (name === 'docProps/core.xml' || transform) {
      let xml = new TextDecoder().decode(data);
      if (name === 'docProps/core.xml') {
        xml = xml.replace(
          /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
          (_m, open: string, _tag: string, close: string) => `${open}${timestamp}${close}`,
        );
      }
      if (transform) xml = transform(xml);
      bytes = new TextEncoder().encode(xml);
    }
    out[name] = [bytes, { mtime: ZIP_MTIME, level: 6 }];
  }
  return zipSync(out);
}
