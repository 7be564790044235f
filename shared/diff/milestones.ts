/**
 * Table rows matched by id — milestones and budget lines alike: added, removed, moved (only
 * the rows that left the longest common order, so moving one row is one move) and changed
 * cell by cell. One implementation, told by a `RowTable` which cells and names its table has.
 */
import { diffArrays } from 'diff';
import { BUDGET_TEXT_KEYS, BUDGET_VALUE_KEYS, LANGS, MILESTONE_TEXT_KEYS, MILESTONE_VALUE_KEYS, type Lang } from '../schema/fields.js';
import type { BudgetRowJSON, MilestoneJSON } from '../schema/types.js';
import { DiffApplyError } from './errors.js';
import { clone } from './json.js';
import { diffText } from './text.js';
import type { FieldChange, TextChange, ValueChange } from './types.js';

/** What differs between the two tables of rows the diff knows. */
interface RowTable {
  /** Path prefix and the top-level field. */
  prefix: 'milestones' | 'budget';
  /** Property of a cell change naming its row. */
  idKey: 'milestoneId' | 'budgetRowId';
  kinds: { added: string; removed: string; moved: string };
  textKeys: readonly string[];
  valueKeys: readonly string[];
  /** Value cells absent from a row when empty (added to the schema later). */
  optional: readonly string[];
  noun: string;
}

const MILESTONES: RowTable = {
  prefix: 'milestones',
  idKey: 'milestoneId',
  kinds: { added: 'milestoneAdded', removed: 'milestoneRemoved', moved: 'milestoneMoved' },
  textKeys: MILESTONE_TEXT_KEYS,
  valueKeys: MILESTONE_VALUE_KEYS,
  optional: ['start'],
  noun: 'milestone',
};

const BUDGET: RowTable = {
  prefix: 'budget',
  idKey: 'budgetRowId',
  kinds: { added: 'budgetAdded', removed: 'budgetRemoved', moved: 'budgetMoved' },
  textKeys: BUDGET_TEXT_KEYS,
  valueKeys: BUDGET_VALUE_KEYS,
  optional: [],
  noun: 'budget',
};

type Row = { id: string } & Record<string, unknown>;
type AnyChange = FieldChange & Record<string, unknown>;

/** Path of a row, or of one of its cells. */
export const milestonePath = (id: string, ...cell: string[]): `milestones.${string}` =>
  `milestones.${[id, ...cell].join('.')}`;

const pathOf = (t: RowTable, id: string, ...cell: string[]) => `${t.prefix}.${[id, ...cell].join('.')}`;

const cellValue = (row: Row, key: string) => (row[key] as string | undefined) ?? '';

function cellChanges(t: RowTable, a: Row, b: Row): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of t.textKeys) {
    for (const lang of LANGS) {
      const [old, now] = [(a[field] as Record<Lang, string>)[lang], (b[field] as Record<Lang, string>)[lang]];
      if (old === now) continue;
      out.push({ kind: 'text', path: pathOf(t, b.id, field, lang), field, lang, [t.idKey]: b.id, old, new: now, segments: diffText(old, now, lang) } as TextChange);
    }
  }
  for (const field of t.valueKeys) {
    const [old, now] = [cellValue(a, field), cellValue(b, field)];
    if (old === now) continue;
    out.push({ kind: 'value', path: pathOf(t, b.id, field), field, [t.idKey]: b.id, old, new: now } as ValueChange);
  }
  return out;
}

function diffRows(t: RowTable, before: Row[], after: Row[]): FieldChange[] {
  const beforeById = new Map(before.map((m, i) => [m.id, { row: m, index: i }]));
  const afterIds = new Set(after.map((m) => m.id));
  const out: FieldChange[] = [];
  const change = (kind: string, id: string, rest: Record<string, unknown>) =>
    ({ kind, path: pathOf(t, id), [t.idKey]: id, ...rest }) as unknown as FieldChange;
  before.forEach((row, index) => {
    if (!afterIds.has(row.id)) out.push(change(t.kinds.removed, row.id, { index, old: clone(row) }));
  });
  // Rows outside the longest common subsequence of the shared ids are the ones that moved.
  const moved = new Set<string>();
  const common = (rows: Row[], other: { has(id: string): boolean }) => rows.map((m) => m.id).filter((id) => other.has(id));
  for (const part of diffArrays(common(before, afterIds), common(after, beforeById))) {
    if (part.removed) for (const id of part.value) moved.add(id);
  }
  after.forEach((row, index) => {
    const prior = beforeById.get(row.id);
    if (!prior) {
      out.push(change(t.kinds.added, row.id, { index, new: clone(row) }));
      return;
    }
    if (moved.has(row.id)) out.push(change(t.kinds.moved, row.id, { old: prior.index, new: index }));
    out.push(...cellChanges(t, prior.row, row));
  });
  return out;
}

const belongs = (t: RowTable, c: FieldChange) => c.path.startsWith(`${t.prefix}.`);

function applyRows(t: RowTable, before: Row[], changes: FieldChange[]): Row[] {
  const rows = new Map(before.map((m) => [m.id, clone(m)]));
  const removed = new Set<string>();
  const placed = new Map<number, Row>();
  const place = (index: number, row: Row, path: string) => {
    if (placed.has(index)) throw new DiffApplyError(path, `two rows placed at position ${index}`);
    placed.set(index, row);
  };
  const existing = (id: string, path: string) => {
    const row = rows.get(id);
    if (!row || removed.has(id)) throw new DiffApplyError(path, `no such ${t.noun} row`);
    return row;
  };
  for (const c of changes.filter((x) => belongs(t, x)) as AnyChange[]) {
    const id = c[t.idKey] as string;
    if (c.kind === t.kinds.removed) {
      existing(id, c.path);
      removed.add(id);
    } else if (c.kind === t.kinds.added) {
      if (rows.has(id) && !removed.has(id)) throw new DiffApplyError(c.path, 'row already exists');
      place(c.index as number, clone(c.new as Row), c.path);
    } else if (c.kind === t.kinds.moved) {
      place(c.new as number, existing(id, c.path), c.path);
    } else if (c.kind === 'text') {
      const row = existing(id, c.path);
      const cell = row[c.field] as Record<Lang, string>;
      if (cell[c.lang] !== c.old) throw new DiffApplyError(c.path, 'the cell no longer holds the old text');
      cell[c.lang] = c.new;
    } else if (c.kind === 'value') {
      const row = existing(id, c.path);
      if (cellValue(row, c.field) !== c.old) throw new DiffApplyError(c.path, 'the cell no longer holds the old value');
      if (c.new === '' && t.optional.includes(c.field)) delete row[c.field];
      else row[c.field] = c.new;
    }
  }
  // Rows neither moved nor added keep their relative order and fill the remaining positions.
  const placedRows = new Set(placed.values());
  const stable = before.map((m) => rows.get(m.id)!).filter((m) => !removed.has(m.id) && !placedRows.has(m));
  const total = stable.length + placed.size;
  const out: Row[] = [];
  for (let index = 0, s = 0; index < total; index++) {
    const row = placed.get(index) ?? stable[s++];
    if (!row) throw new DiffApplyError(t.prefix, `no row for position ${index}`);
    out.push(row);
  }
  return out;
}

/** Milestone changes in table order: removed rows first, then each row of the new order. */
export const diffMilestones = (before: MilestoneJSON[], after: MilestoneJSON[]): FieldChange[] =>
  diffRows(MILESTONES, before as unknown as Row[], after as unknown as Row[]);

/** The rows after applying the milestone changes among `changes`. */
export const applyMilestones = (before: MilestoneJSON[], changes: FieldChange[]): MilestoneJSON[] =>
  applyRows(MILESTONES, before as unknown as Row[], changes) as unknown as MilestoneJSON[];

/** Budget changes, like milestones' (paths `budget.<id>.amount`). */
export const diffBudget = (before: BudgetRowJSON[], after: BudgetRowJSON[]): FieldChange[] =>
  diffRows(BUDGET, before as unknown as Row[], after as unknown as Row[]);

export const applyBudget = (before: BudgetRowJSON[], changes: FieldChange[]): BudgetRowJSON[] =>
  applyRows(BUDGET, before as unknown as Row[], changes) as unknown as BudgetRowJSON[];
