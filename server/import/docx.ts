/**
 * DOCX to HTML, safely: the zip is opened by us first (fflate) so that no entry is inflated
 * past the size its directory declares, the declared total is bounded (a zip bomb is refused
 * before anything is inflated), XML with a DTD is refused (no entity expansion), tables nested
 * absurdly deep are refused before mammoth recurses into them, and only then does mammoth
 * read a re-packed, stored-only copy of the parts it needs.
 */
import mammoth from 'mammoth';
import { unzipSync, zipSync } from 'fflate';
import { AppError } from '../errors.js';

/** Most bytes the parts of one DOCX may inflate to in total. */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;
/** Most entries a DOCX may hold (real ones have a few dozen). */
export const MAX_ZIP_ENTRIES = 2000;
/** Deepest nesting of tables in a table a document may have. */
export const MAX_TABLE_DEPTH = 12;

const refuse = (message: string) => new AppError(400, 'bad_docx', message);

/** True for the bytes of a zip file (PK\3\4). */
export const looksLikeZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;

/** Only the parts mammoth reads: the document, its styles, numbering and relationships. Images are left out. */
const wanted = (name: string) => /^(\[Content_Types\]\.xml|_rels\/\.rels|word\/[^/]+\.xml|word\/_rels\/[^/]+\.rels)$/.test(name);

function unzipBounded(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  let count = 0;
  try {
    return unzipSync(bytes, {
      filter: (f) => {
        count++;
        if (count > MAX_ZIP_ENTRIES) throw refuse(`The file holds more than ${MAX_ZIP_ENTRIES} parts; a Word document has a few dozen. Save it again from Word or LibreOffice.`);
        if (!wanted(f.name)) return false;
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) {
          throw new AppError(413, 'too_large', `The document would unpack to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MiB of text; it is either damaged or built to exhaust the server. Split it into smaller files.`);
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse('The file is not a readable DOCX (its zip structure is damaged). Save it again as a Word document (.docx).');
  }
}

/** Deepest nesting of <w:tbl> in a document part, counted without parsing. */
function tableDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(/<(\/?)w:tbl[\s>]/g)) {
    depth += m[1] ? -1 : 1;
    if (depth > max) max = depth;
  }
  return max;
}

/** The document's body as HTML (mammoth's default mapping: headings, lists, tables, bold, italic, links; plus underline). */
export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  if (!looksLikeZip(bytes)) throw refuse('The file is not a DOCX (a Word document is a zip file, this one is not). Choose a .docx file, or a Markdown (.md) file.');
  const parts = unzipBounded(bytes);
  const main = parts['word/document.xml'];
  if (!main) throw refuse('The zip holds no word/document.xml, so it is not a Word document. Choose a .docx file.');
  const decoder = new TextDecoder();
  for (const [name, data] of Object.entries(parts)) {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) continue;
    const text = decoder.decode(data);
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw refuse(`The part ${name} declares XML entities, which Word never writes; the file is refused so that nothing in it is expanded.`);
    if (name === 'word/document.xml' && tableDepth(text) > MAX_TABLE_DEPTH) {
      throw refuse(`The document nests tables more than ${MAX_TABLE_DEPTH} deep; a commitment table needs one or two. Simplify the tables and try again.`);
    }
  }
  const repacked = zipSync(parts, { level: 0 });
  try {
    // Underline is kept: our own DOCX export writes a link as underlined text followed by "(URL)", and recognition links it again.
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(repacked) }, { ignoreEmptyParagraphs: true, styleMap: ['u => u'] });
    return result.value;
  } catch (err) {
    if (err instanceof RangeError) throw refuse('The document is nested too deeply to read. Simplify its tables and lists and try again.');
    throw refuse(`The DOCX could not be read (${String((err as Error).message ?? err).slice(0, 200)}). Save it again from Word or LibreOffice.`);
  }
}
