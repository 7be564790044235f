/** Reads a document exactly as it is durable at a seq: from its live room when quiescent, else from storage. */
import * as Y from 'yjs';
import { renderCommitment, renderPlan, type CommitmentJSON, type PlanJSON } from '../../shared/schema/index.js';
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Store } from '../storage/types.js';
import type { Rooms } from '../sync/rooms.js';
import { STORAGE_ORIGIN } from '../sync/origins.js';
import { applyLoaded } from '../sync/applyLoaded.js';

/** What the version services need from the server. */
export interface VersionDeps {
  store: Store;
  rooms: Rooms;
}

export type Rendering = CommitmentJSON | PlanJSON;

/** One document frozen at `seq`: its state contains exactly the logged updates 1..seq. */
export interface Captured {
  name: string;
  kind: DocKind;
  seq: number;
  state: Uint8Array;
  rendering: Rendering;
}

/** The structured rendering of a document (a plan carries its document name as id, as the API shows it). */
export function renderDoc(kind: DocKind, name: string, doc: Y.Doc): Rendering {
  return kind === 'plan' ? { ...renderPlan(doc), id: name } : renderCommitment(doc);
}

export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state, STORAGE_ORIGIN);
  return doc;
}

/** Renders a stored state without keeping the Y.Doc. */
export function renderState(kind: DocKind, name: string, state: Uint8Array): Rendering {
  const doc = docFromState(state);
  try {
    return renderDoc(kind, name, doc);
  } finally {
    doc.destroy();
  }
}

/**
 * The document as durable now. A loaded room may hold updates still being written: wait
 * until nothing is pending and read it in the same tick, so state and seq agree. With
 * several processes, a room missing some of another's seqs is not exact: read storage then.
 */
export async function captureDoc({ store, rooms }: VersionDeps, name: string, kind: DocKind): Promise<Captured> {
  for (;;) {
    const room = rooms.loaded(name);
    if (!room || room.state !== 'ready') break;
    if (room.quiescent) {
      if (room.held.hasGap || room.held.contiguous !== room.lastSeq) break;
      return { name, kind, seq: room.lastSeq, state: Y.encodeStateAsUpdate(room.doc), rendering: renderDoc(kind, name, room.doc) };
    }
    await room.whenDurable();
  }
  // Not loaded: storage is the truth, and loadDocument reads state and seq in one transaction.
  const loaded = await store.loadDocument(name);
  const doc = new Y.Doc();
  try {
    applyLoaded(doc, loaded, STORAGE_ORIGIN);
    return { name, kind, seq: loaded.lastSeq, state: Y.encodeStateAsUpdate(doc), rendering: renderDoc(kind, name, doc) };
  } finally {
    doc.destroy();
  }
}
