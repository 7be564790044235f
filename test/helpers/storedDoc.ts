/** The document as the store holds it (compacted state plus the log), for asserting what was stored. */
import * as Y from 'yjs';
import { applyLoaded } from '../../server/sync/applyLoaded.js';
import type { DocStore } from '../../server/storage/index.js';

/** A fresh Y.Doc built from what `store` holds for `name`; the caller may destroy it. */
export async function storedDoc(store: Pick<DocStore, 'loadDocument'>, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  applyLoaded(doc, await store.loadDocument(name), null);
  return doc;
}
