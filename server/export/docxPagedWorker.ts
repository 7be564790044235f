/**
 * The worker thread that writes DOCX files with their contents' page numbers (docxPaged.ts):
 * laying out the pages takes seconds of CPU, which must not stall the sync server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { renderDocx } from './docx.js';
import type { ExportInput } from './types.js';

export interface PagedRequest {
  id: number;
  input: ExportInput;
}
export type PagedReply = { id: number; bytes: Uint8Array } | { id: number; error: string };

// The guessing layout measures the CJK font as its nearest known face, which paginates as
// LibreOffice does for the demo plan; exact font files made Word's numbers, a page off in LibreOffice.
const { estimatePageNumbersWith } = await import('docx/layout');
const pageNumbers = estimatePageNumbersWith({ guess: true });

parentPort!.on('message', async ({ id, input }: PagedRequest) => {
  try {
    const bytes = await renderDocx(input, { pageNumbers });
    parentPort!.postMessage({ id, bytes } satisfies PagedReply, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) } satisfies PagedReply);
  }
});
