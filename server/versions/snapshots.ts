/** Freezing a captured document into an immutable snapshot, checking one, and how snapshots look in the API. */
import { randomBytes } from 'node:crypto';
import type { Snapshot, SnapshotInfo, UpdateAuthor } from '../storage/index.js';
import type { DocKind } from '../../shared/protocol/docNames.js';
import { parseDocName } from '../../shared/protocol/docNames.js';
import type { Captured } from './capture.js';
import { renderState } from './capture.js';
import { canonicalJSON, sha256Hex } from './hash.js';
import type { SnapshotView } from '../../shared/protocol/versions.js';

export type { SnapshotView };

export const newSnapshotId = (): string => 'sn_' + randomBytes(8).toString('hex');

/** The snapshot record of a captured document: canonical JSON of its rendering and the hash of that text. */
export function freeze(captured: Captured, meta: { cycleId: string | null; reason: string; takenAt: number; takenBy: UpdateAuthor }): Snapshot {
  const json = canonicalJSON(captured.rendering);
  return {
    id: newSnapshotId(),
    cycleId: meta.cycleId,
    docName: captured.name,
    kind: meta.cycleId ? 'cycle' : 'checkpoint',
    reason: meta.reason,
    seq: captured.seq,
    state: captured.state,
    json,
    hash: sha256Hex(json),
    takenAt: meta.takenAt,
    takenBy: meta.takenBy,
  };
}

export interface Verification {
  id: string;
  /** The hash recorded when the snapshot was taken. */
  hash: string;
  /** Recomputed from the stored JSON text. */
  jsonHash: string;
  /** Recomputed from the stored Yjs state, rendered again. */
  stateHash: string;
  jsonMatches: boolean;
  stateMatches: boolean;
  ok: boolean;
}

/** Recomputes the hash two ways; a mismatch means the stored row was altered (or the renderer changed). */
export function verifySnapshot(s: Snapshot): Verification {
  const kind: DocKind = parseDocName(s.docName)?.kind ?? 'commitment';
  const jsonHash = sha256Hex(s.json);
  let stateHash = '';
  try {
    stateHash = sha256Hex(canonicalJSON(renderState(kind, s.docName, s.state)));
  } catch {
    // Corrupt state bytes: reported as a mismatch, not as a server error.
  }
  const jsonMatches = jsonHash === s.hash;
  const stateMatches = stateHash === s.hash;
  return { id: s.id, hash: s.hash, jsonHash, stateHash, jsonMatches, stateMatches, ok: jsonMatches && stateMatches };
}

export function snapshotView(s: SnapshotInfo, cycleLabel?: string): SnapshotView {
  const label = s.kind === 'cycle' ? (cycleLabel ?? 'Review cycle') : `Checkpoint (${s.reason})`;
  return {
    id: s.id,
    kind: s.kind,
    cycleId: s.cycleId,
    docName: s.docName,
    label,
    reason: s.reason,
    seq: s.seq,
    hash: s.hash,
    takenAt: new Date(s.takenAt).toISOString(),
    takenBy: s.takenBy,
    ref: `snapshot:${s.id}`,
  };
}
