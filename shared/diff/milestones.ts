/**
 * Milestone rows matched by id: added, removed, moved (only the rows that left the longest
 * common order, so moving one row is one move) and changed cell by cell.
 */
import { diffArrays } from 'diff';
import { LANGS, MILESTONE_TEXT_KEYS, MILESTONE_VALUE_KEYS } from '../schema/fields.js';
import type { MilestoneJSON } from '../schema/types.js';
import { DiffApplyError } from './errors.js';
import { clone } from './json.js';
import { diffText } from './text.js';
import type { FieldChange, MilestoneAdded, MilestoneMoved, MilestoneRemoved, TextChange, ValueChange } from './types.js';

type MilestoneChange = MilestoneAdded | MilestoneRemoved | MilestoneMoved | TextChange | ValueChange;

/** Path of a row, or of one of its cells. */
export const milestonePath = (id: string, ...cell: string[]): `milestones.${string}` =>
  `milestones.${[id, ...cell].join('.')}`;

function cellChanges(a: MilestoneJSON, b: MilestoneJSON): MilestoneChange[] {
  const out: MilestoneChange[] = [];
  for (const field of MILESTONE_TEXT_KEYS) {
    for (const lang of LANGS) {
      const [old, now] = [a[field][lang], b[field][lang]];
      if (old === now) continue;
      const path = milestonePath(b.id, field, lang);
      out.push({ kind: 'text', path, field, lang, milestoneId: b.id, old, new: now, segments: diffText(old, now, lang) });
    }
  }
  for (const field of MILESTONE_VALUE_KEYS) {
    if (a[field] === b[field]) continue;
    out.push({ kind: 'value', path: milestonePath(b.id, field), field, milestoneId: b.id, old: a[field], new: b[field] });
  }
  return out;
}

/** Row changes in table order: removed rows first, then each row of the new order. */
export function diffMilestones(before: MilestoneJSON[], after: MilestoneJSON[]): MilestoneChange[] {
  const beforeById = new Map(before.map((m, i) => [m.id, { row: m, index: i }]));
  const afterIds = new Set(after.map((m) => m.id));
  const out: MilestoneChange[] = [];
  before.forEach((row, index) => {
    if (!afterIds.has(row.id)) {
      out.push({ kind: 'milestoneRemoved', path: milestonePath(row.id), milestoneId: row.id, index, old: clone(row) });
    }
  });
  // Rows outside the longest common subsequence of the shared ids are the ones that moved.
  const moved = new Set<string>();
  const common = (rows: MilestoneJSON[], other: { has(id: string): boolean }) => rows.map((m) => m.id).filter((id) => other.has(id));
  for (const part of diffArrays(common(before, afterIds), common(after, beforeById))) {
    if (part.removed) for (const id of part.value) moved.add(id);
  }
  after.forEach((row, index) => {
    const prior = beforeById.get(row.id);
    if (!prior) {
      out.push({ kind: 'milestoneAdded', path: milestonePath(row.id), milestoneId: row.id, index, new: clone(row) });
      return;
    }
    if (moved.has(row.id)) {
      out.push({ kind: 'milestoneMoved', path: milestonePath(row.id), milestoneId: row.id, old: prior.index, new: index });
    }
    out.push(...cellChanges(prior.row, row));
  });
  return out;
}

const isMilestoneChange = (c: FieldChange): c is MilestoneChange =>
  c.kind === 'milestoneAdded' || c.kind === 'milestoneRemoved' || c.kind === 'milestoneMoved' || 'milestoneId' in c;

/** The rows after applying the milestone changes among `changes`. */
export function applyMilestones(before: MilestoneJSON[], changes: FieldChange[]): MilestoneJSON[] {
  const rows = new Map(before.map((m) => [m.id, clone(m)]));
  const removed = new Set<string>();
  const placed = new Map<number, MilestoneJSON>();
  const place = (index: number, row: MilestoneJSON, path: string) => {
    if (placed.has(index)) throw new DiffApplyError(path, `two rows placed at position ${index}`);
    placed.set(index, row);
  };
  const existing = (id: string, path: string) => {
    const row = rows.get(id);
    if (!row || removed.has(id)) throw new DiffApplyError(path, 'no such milestone row');
    return row;
  };
  for (const c of changes.filter(isMilestoneChange)) {
    if (c.kind === 'milestoneRemoved') {
      existing(c.milestoneId, c.path);
      removed.add(c.milestoneId);
    } else if (c.kind === 'milestoneAdded') {
      if (rows.has(c.milestoneId) && !removed.has(c.milestoneId)) throw new DiffApplyError(c.path, 'row already exists');
      place(c.index, clone(c.new), c.path);
    } else if (c.kind === 'milestoneMoved') {
      place(c.new, existing(c.milestoneId, c.path), c.path);
    } else {
      const row = existing(c.milestoneId!, c.path);
      if (c.kind === 'text') {
        if (row[c.field as 'text'][c.lang] !== c.old) throw new DiffApplyError(c.path, 'the cell no longer holds the old text');
        row[c.field as 'text'][c.lang] = c.new;
      } else {
        const field = c.field as (typeof MILESTONE_VALUE_KEYS)[number];
        if (row[field] !== c.old) throw new DiffApplyError(c.path, 'the cell no longer holds the old value');
        (row as unknown as Record<string, string>)[field] = c.new;
      }
    }
  }
  // Rows neither moved nor added keep their relative order and fill the remaining positions.
  const placedRows = new Set(placed.values());
  const stable = before.map((m) => rows.get(m.id)!).filter((m) => !removed.has(m.id) && !placedRows.has(m));
  const total = stable.length + placed.size;
  const out: MilestoneJSON[] = [];
  for (let index = 0, s = 0; index < total; index++) {
    const row = placed.get(index) ?? stable[s++];
    if (!row) throw new DiffApplyError('milestones', `no row for position ${index}`);
    out.push(row);
  }
  return out;
}
