/** The two import calls: the file is the raw request body, its content type chosen from its name. */
import { IMPORT_CONTENT_TYPES, type ImportFormat, type ImportPreview, type ImportResult } from '../../shared/protocol/import.js';
import { postFile } from '../api/http.js';

export interface ImportTarget {
  planId: string;
  /** Update this commitment (the file must hold one). */
  commitmentId?: string;
  /** Domain of new commitments; empty: as the file's headings say. */
  domainId?: string;
}

/**
 * The format a file's name says (browsers give `.md` no MIME type, and Word's is long),
 * or null: such a file is refused here, as the server would (415).
 */
export function formatOf(file: File): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.docx') || file.type === IMPORT_CONTENT_TYPES.docx) return 'docx';
  if (/\.(md|markdown)$/.test(name) || file.type === 'text/markdown') return 'markdown';
  return null;
}

function path(target: ImportTarget, preview: boolean): string {
  const q = new URLSearchParams();
  if (target.commitmentId) q.set('commitment', target.commitmentId);
  if (target.domainId) q.set('domain', target.domainId);
  const query = q.toString();
  return `/api/plans/${encodeURIComponent(target.planId)}/import${preview ? '/preview' : ''}${query ? `?${query}` : ''}`;
}

export const importApi = {
  preview: (target: ImportTarget, file: File, format: ImportFormat, signal?: AbortSignal) =>
    postFile<ImportPreview>(path(target, true), file, IMPORT_CONTENT_TYPES[format], signal),
  apply: (target: ImportTarget, file: File, format: ImportFormat, signal?: AbortSignal) =>
    postFile<ImportResult>(path(target, false), file, IMPORT_CONTENT_TYPES[format], signal),
};
