/**
 * The rights rows shown in the document: the server writes the lead and co-implementing
 * agencies into the commitment's Y.Doc (as the system, not as the person who changed them),
 * so every editor displays them and exports and versions keep rendering them. The document's
 * copy is for display only: access is never read from it.
 */
import * as Y from 'yjs';
import { getMeta, setMeta, type Agency } from '../../shared/schema/index.js';

const same = (a: Agency, b: Agency) => a.id === b.id && a.zh === b.zh && a.en === b.en;

/** True when the document already shows these agencies (nothing to write). */
export function mirrorShows(doc: Y.Doc, lead: Agency, co: Agency[]): boolean {
  const shown = getMeta(doc, 'coAgencies');
  return same(getMeta(doc, 'leadAgency'), lead) && shown.length === co.length && shown.every((a, i) => same(a, co[i]!));
}

/** Writes the agencies into the document, changing only what differs. */
export function writeMirror(doc: Y.Doc, lead: Agency, co: Agency[]): void {
  if (!same(getMeta(doc, 'leadAgency'), lead)) setMeta(doc, 'leadAgency', { ...lead });
  setMeta(doc, 'coAgencies', co.map((a) => ({ ...a })));
}
