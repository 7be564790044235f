/** Version references of the API (`live`, `cycle:<id>`, `snapshot:<id>`) and what each one points to. */
import type { DocKind } from '../../shared/protocol/docNames.js';
import { AppError, badRequest } from '../errors.js';
import type { Snapshot } from '../storage/index.js';
import { captureDoc, type Rendering, type VersionDeps } from './capture.js';

export type VersionRef = { kind: 'live' } | { kind: 'cycle'; id: string } | { kind: 'snapshot'; id: string };

export const REF_FORMS = '"live", "cycle:<cycleId>" or "snapshot:<snapshotId>"';
const ID_RE = /^[A-Za-z0-9_-]{1,100}$/;

/** Parses a reference; a malformed one is a 400 that lists the accepted forms. */
export function parseRef(text: string | undefined, param: string): VersionRef {
  if (text === undefined || text === '') throw badRequest(`Missing "${param}": give a version as ${REF_FORMS}.`);
  if (text === 'live') return { kind: 'live' };
  const m = /^(cycle|snapshot):(.*)$/.exec(text);
  if (!m || !ID_RE.test(m[2]!)) throw badRequest(`"${param}=${text}" is not a version reference. Use ${REF_FORMS}.`);
  return { kind: m[1] as 'cycle' | 'snapshot', id: m[2]! };
}

export const formatRef = (r: VersionRef): string => (r.kind === 'live' ? 'live' : `${r.kind}:${r.id}`);

const unknownRef = (ref: string, what: string) => new AppError(404, 'unknown_version', `No version "${ref}": ${what}. List versions with GET /api/commitments/<id>/versions or GET /api/plans/<planId>/cycles.`);

/** One document at one version. */
export interface DocVersion {
  docName: string;
  ref: string;
  label: string;
  seq: number;
  /** Epoch ms when the version was taken (now for live). */
  takenAt: number;
  snapshotId: string | null;
  rendering: Rendering;
  /** Yjs state containing exactly updates 1..seq. */
  state: Uint8Array;
}

const fromSnapshot = (s: Snapshot, ref: string, label: string): DocVersion => ({
  docName: s.docName,
  ref,
  label,
  seq: s.seq,
  takenAt: s.takenAt,
  snapshotId: s.id,
  rendering: JSON.parse(s.json) as Rendering,
  state: s.state,
});

async function liveVersion(deps: VersionDeps, docName: string, kind: DocKind): Promise<DocVersion> {
  const c = await captureDoc(deps, docName, kind);
  return { docName, ref: 'live', label: 'Current text', seq: c.seq, takenAt: Date.now(), snapshotId: null, rendering: c.rendering, state: c.state };
}

/** The cycle with its snapshot taken, or a 404/409 that says what to do. */
async function takenCycle({ store }: VersionDeps, id: string) {
  const cycle = await store.getCycle(id);
  if (!cycle) throw unknownRef(`cycle:${id}`, 'there is no review cycle with this id');
  if (cycle.snapshotAt === null) {
    throw new AppError(409, 'no_snapshot', `Review cycle "${cycle.label}" (cycle:${id}) has no snapshot yet. A coordinator takes it with POST /api/cycles/${id}/snapshot.`);
  }
  return cycle;
}

/** Resolves a reference for one document (a commitment or a plan). */
export async function resolveDocVersion(deps: VersionDeps, docName: string, kind: DocKind, ref: VersionRef): Promise<DocVersion> {
  const text = formatRef(ref);
  if (ref.kind === 'live') return liveVersion(deps, docName, kind);
  if (ref.kind === 'snapshot') {
    const s = await deps.store.getSnapshot(ref.id);
    if (!s) throw unknownRef(text, 'there is no snapshot with this id');
    if (s.docName !== docName) throw badRequest(`Version "${text}" is a snapshot of "${s.docName}", not of "${docName}". Compare versions of the same document.`);
    const cycle = s.cycleId ? await deps.store.getCycle(s.cycleId) : null;
    return fromSnapshot(s, text, cycle ? cycle.label : `Checkpoint (${s.reason})`);
  }
  const cycle = await takenCycle(deps, ref.id);
  const info = (await deps.store.listSnapshots({ cycleId: ref.id, docName }))[0];
  if (!info) throw unknownRef(text, `"${docName}" was not part of review cycle "${cycle.label}" (it may have been created after it)`);
  return fromSnapshot((await deps.store.getSnapshot(info.id))!, text, cycle.label);
}

/** A whole plan at one version: its commitments by id. */
export interface PlanVersion {
  ref: string;
  label: string;
  takenAt: number;
  commitments: Map<string, DocVersion>;
}

/** Resolves a reference for a whole plan; a checkpoint of one document is not a plan version. */
export async function resolvePlanVersion(deps: VersionDeps, planId: string, ref: VersionRef): Promise<PlanVersion> {
  const text = formatRef(ref);
  const commitments = new Map<string, DocVersion>();
  if (ref.kind === 'live') {
    for (const d of await deps.store.listDocuments({ kind: 'commitment', planId })) commitments.set(d.name, await liveVersion(deps, d.name, 'commitment'));
    return { ref: text, label: 'Current text', takenAt: Date.now(), commitments };
  }
  let cycleId = ref.id;
  if (ref.kind === 'snapshot') {
    const s = await deps.store.getSnapshot(ref.id);
    if (!s) throw unknownRef(text, 'there is no snapshot with this id');
    if (!s.cycleId) throw badRequest(`Version "${text}" is a checkpoint of one document, not of the whole plan. Compare a plan with "live" or "cycle:<cycleId>".`);
    cycleId = s.cycleId;
  }
  const cycle = await takenCycle(deps, cycleId);
  if (cycle.planId !== planId) throw badRequest(`Version "${text}" belongs to plan "${cycle.planId}", not to "${planId}".`);
  for (const info of await deps.store.listSnapshots({ cycleId })) {
    if (info.docName === planId) continue;
    commitments.set(info.docName, fromSnapshot((await deps.store.getSnapshot(info.id))!, text, cycle.label));
  }
  return { ref: text, label: cycle.label, takenAt: cycle.snapshotAt!, commitments };
}
