/**
 * Who made each change between two versions, from the server's own update log: the updates
 * between the two seqs are replayed on the older state in runs by the same author, and a
 * field that changes during a run is attributed to that run's author.
 */
import * as Y from 'yjs';
import { META_VALUE_KEYS, diffBudget, diffMilestones, type ChangeAuthor, type CommitmentDiff } from '../../shared/diff/index.js';
import { CONTACT_KEYS, LANGS, OGP_VALUES, SECTION_KEYS, SHORT_TEXT_KEYS, renderCommitment, type CommitmentJSON } from '../../shared/schema/index.js';
import type { LoggedUpdate, VersionStore } from '../storage/index.js';
import { STORAGE_ORIGIN } from '../sync/origins.js';
import { docFromState } from './capture.js';
import { canonicalJSON } from './hash.js';

/** Most runs replayed one by one; beyond it adjacent runs are merged (and the result is approximate). */
export const MAX_GROUPS = 500;

export interface Attribution {
  /** Authors of each field path that changed, with the time of their last update touching it. */
  byPath: Map<string, ChangeAuthor[]>;
  /** Runs replayed. */
  groups: number;
  /** True when runs were merged or the replay did not reach the newer version exactly. */
  approximate: boolean;
  notes: string[];
}

interface Group {
  updates: Uint8Array[];
  authors: ChangeAuthor[];
}

/** Adds authors to a list, one entry per user, keeping each user's latest time. */
function mergeAuthors(into: ChangeAuthor[], more: ChangeAuthor[]): void {
  for (const a of more) {
    const had = into.find((x) => x.userId === a.userId);
    if (!had) into.push({ ...a });
    else if (a.at > had.at) had.at = a.at;
  }
}

const authorOf = (u: LoggedUpdate): ChangeAuthor => ({ ...u.author, at: new Date(u.receivedAt).toISOString() });

/** Consecutive updates by the same user form one run; past `max` runs, neighbours are merged. */
export function groupUpdates(updates: LoggedUpdate[], max = MAX_GROUPS): { groups: Group[]; merged: boolean } {
  const runs: Group[] = [];
  let lastUser: string | null = null;
  for (const u of updates) {
    const run = runs[runs.length - 1];
    if (run && u.author.userId === lastUser) {
      run.updates.push(u.update);
      run.authors[0]!.at = authorOf(u).at;
    } else {
      runs.push({ updates: [u.update], authors: [authorOf(u)] });
    }
    lastUser = u.author.userId;
  }
  if (runs.length <= max) return { groups: runs, merged: false };
  const size = Math.ceil(runs.length / max);
  const groups: Group[] = [];
  for (let i = 0; i < runs.length; i += size) {
    const g: Group = { updates: [], authors: [] };
    for (const r of runs.slice(i, i + size)) {
      g.updates.push(...r.updates);
      mergeAuthors(g.authors, r.authors);
    }
    groups.push(g);
  }
  return { groups, merged: true };
}

/** JSON texts of a rendering's larger parts, computed once per rendering (each is compared twice). */
const partsCache = new WeakMap<CommitmentJSON, Map<string, string>>();

function partsOf(c: CommitmentJSON): Map<string, string> {
  let parts = partsCache.get(c);
  if (parts) return parts;
  // Plain JSON.stringify is enough: both sides come from renderCommitment, whose key order is fixed.
  parts = new Map([['coAgencies', JSON.stringify(c.coAgencies)], ['milestones', JSON.stringify(c.milestones)], ['budget', JSON.stringify(c.budget ?? [])]]);
  for (const s of SECTION_KEYS) for (const lang of LANGS) parts.set(`sections.${s}.${lang}`, JSON.stringify(c.sections[s][lang]));
  partsCache.set(c, parts);
  return parts;
}

/**
 * Paths (as `diffCommitment` names them) of the fields that differ between two renderings,
 * without computing inline text diffs: this runs once per run of updates, so it stays cheap.
 */
export function changedPaths(a: CommitmentJSON, b: CommitmentJSON): string[] {
  const out: string[] = [];
  const [pa, pb] = [partsOf(a), partsOf(b)];
  for (const key of META_VALUE_KEYS) if (a[key] !== b[key]) out.push(key);
  for (const key of SHORT_TEXT_KEYS) for (const lang of LANGS) if (a[key][lang] !== b[key][lang]) out.push(`${key}.${lang}`);
  if (a.leadAgency.id !== b.leadAgency.id) out.push('leadAgency');
  if (pa.get('coAgencies') !== pb.get('coAgencies')) out.push('coAgencies');
  for (const v of OGP_VALUES) if (a.ogpValues[v] !== b.ogpValues[v]) out.push(`ogpValues.${v}`);
  for (const s of SECTION_KEYS) {
    for (const lang of LANGS) if (pa.get(`sections.${s}.${lang}`) !== pb.get(`sections.${s}.${lang}`)) out.push(`sections.${s}.${lang}`);
  }
  if (pa.get('milestones') !== pb.get('milestones')) out.push(...diffMilestones(a.milestones, b.milestones).map((c) => c.path));
  for (const key of CONTACT_KEYS) if ((a.contact?.[key] ?? '') !== (b.contact?.[key] ?? '')) out.push(`contact.${key}`);
  if (pa.get('budget') !== pb.get('budget')) out.push(...diffBudget(a.budget ?? [], b.budget ?? []).map((c) => c.path));
  return out;
}

/**
 * Replays the logged updates in (from.seq, to.seq] on `from.state`. The caller guarantees
 * from.seq <= to.seq (both versions of the same log).
 */
export async function attribute(
  store: Pick<VersionStore, 'loadUpdateRange'>,
  docName: string,
  from: { seq: number; state: Uint8Array },
  to: { seq: number; rendering: CommitmentJSON },
): Promise<Attribution> {
  const result: Attribution = { byPath: new Map(), groups: 0, approximate: false, notes: [] };
  if (to.seq <= from.seq) return result;
  const updates = await store.loadUpdateRange(docName, from.seq, to.seq);
  if (updates.length !== to.seq - from.seq) {
    result.approximate = true;
    result.notes.push(`the update log holds ${updates.length} of the ${to.seq - from.seq} updates between the two versions`);
  }
  const { groups, merged } = groupUpdates(updates);
  if (merged) {
    result.approximate = true;
    result.notes.push(`${updates.length} updates in more than ${MAX_GROUPS} runs by alternating authors: neighbouring runs were merged, so a change may list an author who only edited nearby`);
  }
  result.groups = groups.length;
  const doc = docFromState(from.state);
  try {
    let prev = renderCommitment(doc);
    for (const g of groups) {
      Y.applyUpdate(doc, g.updates.length === 1 ? g.updates[0]! : Y.mergeUpdates(g.updates), STORAGE_ORIGIN);
      const cur = renderCommitment(doc);
      for (const path of changedPaths(prev, cur)) {
        const list = result.byPath.get(path) ?? [];
        mergeAuthors(list, g.authors);
        result.byPath.set(path, list);
      }
      prev = cur;
    }
    if (canonicalJSON(prev) !== canonicalJSON(to.rendering)) {
      result.approximate = true;
      result.notes.push('replaying the log did not reproduce the newer version exactly');
    }
  } finally {
    doc.destroy();
  }
  return result;
}

/**
 * Fills `authors` on every change of `diff` (in place). A milestone or budget row change (added,
 * removed, moved) collects the authors of every cell of that row.
 */
export function fillAuthors(diff: CommitmentDiff, attribution: Attribution): CommitmentDiff {
  for (const change of diff.changes) {
    const authors: ChangeAuthor[] = [];
    const isRow = /^(?:milestones|budget)\.[^.]+$/.test(change.path);
    for (const [path, list] of attribution.byPath) {
      if (path === change.path || (isRow && path.startsWith(change.path + '.'))) mergeAuthors(authors, list);
    }
    change.authors = authors.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
  return diff;
}
