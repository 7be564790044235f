/** Captures a document exactly as it is durable at a seq (the registry's read door), and renders stored states. */
import * as Y from 'yjs';
import { renderCommitment, renderPlan, type CommitmentJSON, type PlanJSON } from '../../shared/schema/index.js';
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Store } from '../storage/index.js';
import type { Rooms } from '../sync/rooms.js';
import { STORAGE_ORIGIN } from '../sync/origins.js';

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

/** The document as durable now (see Rooms.readDurable). */
export function captureDoc({ rooms }: VersionDeps, name: string, kind: DocKind): Promise<Captured> {
  return rooms.readDurable(name, (doc, seq) => ({ name, kind, seq, state: Y.encodeStateAsUpdate(doc), rendering: renderDoc(kind, name, doc) }));
}
