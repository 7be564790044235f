/** A file's bytes to recognised commitments: the format's reader, the HTML parser, recognition. */
import type { ImportFormat } from '../../shared/protocol/import.js';
import { AppError } from '../errors.js';
import { docxToHtml } from './docx.js';
import { htmlToBlocks } from './html.js';
import { relink } from './links.js';
import { markdownToHtml } from './markdown.js';
import { recognise, type Recognition } from './recognise.js';

function utf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(400, 'bad_markdown', 'The Markdown file is not UTF-8 text. Save it as UTF-8 (HackMD and most editors do) and try again.');
  }
}

export async function readCommitments(bytes: Uint8Array, format: ImportFormat): Promise<Recognition> {
  if (format === 'markdown') return recognise(htmlToBlocks(markdownToHtml(utf8(bytes))));
  // Our DOCX export writes a section's heading 3 and 4 as Word's Heading 5 and 6.
  const found = recognise(htmlToBlocks(await docxToHtml(bytes)), { headingShift: 2 });
  for (const c of found.commitments) {
    for (const key of Object.keys(c.sections) as Array<keyof typeof c.sections>) c.sections[key] = relink(c.sections[key]!);
  }
  return found;
}
