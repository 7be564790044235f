/**
 * Restores one section's text from an earlier version as a forward edit on the live
 * document, changing only the blocks that differ so concurrent and offline edits elsewhere
 * in the section survive and no text is ever duplicated.
 */
import * as Y from 'yjs';
import type { User } from '../../shared/protocol/auth.js';
import { enBasisMap, fragmentToRich, sectionFragment, writeRich, type CommitmentJSON, type Lang, type RichDoc, type SectionKey } from '../../shared/schema/index.js';
import { readAccess } from '../rights/read.js';
import { forbidden } from '../auth/middleware.js';
import { badRequest, notFound } from '../errors.js';
import type { SnapshotInfo } from '../storage/index.js';
import { authorOf } from '../sync/connection.js';
import type { VersionDeps } from './capture.js';
import { checkpointBeforeBulkChange } from './checkpoints.js';
import { canonicalJSON } from './hash.js';
import { formatRef, resolveDocVersion, type VersionRef } from './refs.js';

export interface BlockEdit {
  /** Index of the first top-level block that differs. */
  at: number;
  /** Live blocks removed from `at`. */
  deleted: number;
  /** Blocks of the target inserted at `at`. */
  inserted: RichDoc['content'];
}

/**
 * The smallest edit at block level: leading and trailing blocks equal as JSON are kept, only
 * the differing middle is replaced. Null when the section already equals the target.
 */
export function blockEdit(live: RichDoc['content'], target: RichDoc['content']): BlockEdit | null {
  const key = live.map(canonicalJSON);
  const want = target.map(canonicalJSON);
  let head = 0;
  while (head < key.length && head < want.length && key[head] === want[head]) head++;
  let tail = 0;
  while (tail < key.length - head && tail < want.length - head && key[key.length - 1 - tail] === want[want.length - 1 - tail]) tail++;
  const deleted = key.length - head - tail;
  const inserted = target.slice(head, target.length - tail);
  return deleted === 0 && inserted.length === 0 ? null : { at: head, deleted, inserted };
}

/** Applies `target` to a live section fragment with the smallest block edit; true when anything changed. */
export function applySection(fragment: Y.XmlFragment, target: RichDoc): boolean {
  const children = fragment.toArray();
  // Block indexes line up with the rendering only when every top-level child is an element.
  if (!children.every((c) => c instanceof Y.XmlElement)) {
    writeRich(fragment, target);
    return true;
  }
  const edit = blockEdit(fragmentToRich(fragment).content, target.content ?? []);
  if (!edit) return false;
  if (edit.deleted) fragment.delete(edit.at, edit.deleted);
  if (edit.inserted.length) {
    // Build the new blocks in a scratch doc with the shared converter, then insert copies.
    const scratch = new Y.Doc();
    try {
      const tmp = scratch.getXmlFragment('tmp');
      writeRich(tmp, { type: 'doc', content: edit.inserted });
      fragment.insert(edit.at, tmp.toArray().map((n) => (n as Y.XmlElement | Y.XmlText).clone()));
    } finally {
      scratch.destroy();
    }
  }
  return true;
}

export interface RestoreInput {
  from: VersionRef;
  section: SectionKey;
  lang: Lang;
}

export interface RestoreResult {
  commitmentId: string;
  section: SectionKey;
  lang: Lang;
  from: string;
  /** False when the live section already equalled the version's. */
  restored: boolean;
  /** The checkpoint of the text before the restore (null when unchanged since the last snapshot). */
  checkpoint: SnapshotInfo | null;
}

export async function restoreSection(deps: VersionDeps, id: string, input: RestoreInput, user: User): Promise<RestoreResult> {
  const record = await deps.store.getDocument(id);
  if (!record || record.kind !== 'commitment') throw notFound(`Commitment "${id}"`);
  const access = await readAccess(deps, user, id);
  if (access === 'translate' && input.lang !== 'en') throw forbidden('restore Chinese text (translators may restore English sections only)');
  if (access !== 'write' && access !== 'translate') throw forbidden('edit this commitment');
  const ref = formatRef(input.from);
  if (input.from.kind === 'live') throw badRequest('"from" must be an earlier version ("cycle:<cycleId>" or "snapshot:<snapshotId>"), not "live".');
  const version = await resolveDocVersion(deps, id, 'commitment', input.from);
  const old = version.rendering as CommitmentJSON;
  const target = old.sections[input.section][input.lang];
  const path = `section.${input.section}`;
  const result: RestoreResult = { commitmentId: id, section: input.section, lang: input.lang, from: ref, restored: false, checkpoint: null };
  const same = await deps.rooms.read(id, (doc) => canonicalJSON(fragmentToRich(sectionFragment(doc, input.section, input.lang))) === canonicalJSON(target));
  if (same) return result;
  const author = authorOf(user);
  result.checkpoint = await checkpointBeforeBulkChange(id, `restoring sections.${input.section}.${input.lang} from ${ref}`, deps, author);
  await deps.rooms.change(id, author, (doc) => {
    result.restored = applySection(sectionFragment(doc, input.section, input.lang), target);
    // Restored English was written against the Chinese of its time: restore that fingerprint too.
    const basis = old.enBasis[path];
    if (result.restored && input.lang === 'en' && basis !== undefined && enBasisMap(doc).get(path) !== basis) enBasisMap(doc).set(path, basis);
  });
  return result;
}
