/**
 * `diffCommitment`: the field-by-field comparison shown at review meetings ("what changed
 * since last time"), in the order of the commitment table.
 */
import { CONTACT_KEYS, LANGS, OGP_VALUES, SECTION_KEYS, SHORT_TEXT_KEYS } from '../schema/fields.js';
import type { Agency, CommitmentJSON } from '../schema/types.js';
import { canonical, clone, sameJSON } from './json.js';
import { diffBudget, diffMilestones } from './milestones.js';
import { diffRich } from './rich.js';
import { diffText } from './text.js';
import type { CommitmentDiff, FieldChange, InternalChanges, MetaValueKey } from './types.js';

/** Metadata compared as whole values, in table order. */
export const META_VALUE_KEYS: readonly MetaValueKey[] = ['number', 'domainId', 'startDate', 'endDate', 'status'];

function coAgencyChange(before: Agency[], after: Agency[]): FieldChange | null {
  if (sameJSON(before, after)) return null;
  const ids = (list: Agency[]) => new Set(list.map((a) => a.id));
  const [was, now] = [ids(before), ids(after)];
  return {
    kind: 'coAgencies',
    path: 'coAgencies',
    old: clone(before),
    new: clone(after),
    added: clone(after.filter((a) => !was.has(a.id))),
    removed: clone(before.filter((a) => !now.has(a.id))),
  };
}

function internalChanges(before: CommitmentJSON, after: CommitmentJSON): InternalChanges {
  const internal: InternalChanges = {};
  const [a, b] = [before.enBasis ?? {}, after.enBasis ?? {}];
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(b)) if (a[key] !== value) set[key] = value;
  const remove = Object.keys(a).filter((key) => !(key in b));
  if (Object.keys(set).length || remove.length) internal.enBasis = { set, remove };
  // A renamed agency keeps its id: not a move, but `after` must still carry the new name.
  if (before.leadAgency.id === after.leadAgency.id && !sameJSON(before.leadAgency, after.leadAgency)) {
    internal.leadAgency = clone(after.leadAgency);
  }
  if (before.schemaVersion !== after.schemaVersion) internal.schemaVersion = after.schemaVersion;
  if (before.id !== after.id) internal.id = after.id;
  return internal;
}

/**
 * The changes from `before` to `after`, two renderings of the same commitment.
 * @example
 * const d = diffCommitment(lastReview, current);
 * d.changes.find((c) => c.path === 'milestones.m1.indicator.zh'); // { kind: 'text', segments: [...] }
 */
export function diffCommitment(before: CommitmentJSON, after: CommitmentJSON): CommitmentDiff {
  const changes: FieldChange[] = [];
  const text = (key: (typeof SHORT_TEXT_KEYS)[number]) => {
    for (const lang of LANGS) {
      const [old, now] = [before[key][lang], after[key][lang]];
      if (old !== now) changes.push({ kind: 'text', path: `${key}.${lang}`, field: key, lang, old, new: now, segments: diffText(old, now, lang) });
    }
  };
  const value = (key: MetaValueKey) => {
    if (before[key] !== after[key]) changes.push({ kind: 'value', path: key, field: key, old: before[key], new: after[key] });
  };

  value('number');
  text('title');
  value('domainId');
  if (before.leadAgency.id !== after.leadAgency.id) {
    changes.push({ kind: 'leadAgency', path: 'leadAgency', old: clone(before.leadAgency), new: clone(after.leadAgency) });
  }
  const co = coAgencyChange(before.coAgencies, after.coAgencies);
  if (co) changes.push(co);
  text('partners');
  value('startDate');
  value('endDate');
  value('status');
  for (const key of CONTACT_KEYS) {
    const [old, now] = [before.contact?.[key] ?? '', after.contact?.[key] ?? ''];
    if (old !== now) changes.push({ kind: 'value', path: `contact.${key}`, field: `contact.${key}`, old, new: now });
  }
  for (const key of OGP_VALUES) {
    const [old, now] = [before.ogpValues[key], after.ogpValues[key]];
    if (old !== now) changes.push({ kind: 'ogp', path: `ogpValues.${key}`, value: key, old, new: now });
  }
  for (const section of SECTION_KEYS) {
    for (const lang of LANGS) {
      const [a, b] = [before.sections[section][lang], after.sections[section][lang]];
      if (canonical(a) === canonical(b)) continue;
      const blocks = diffRich(a, b, lang);
      if (blocks) changes.push({ kind: 'rich', path: `sections.${section}.${lang}`, section, lang, blocks });
    }
  }
  changes.push(...diffMilestones(before.milestones, after.milestones));
  changes.push(...diffBudget(before.budget ?? [], after.budget ?? []));
  return { commitmentId: after.id, changes, internal: internalChanges(before, after) };
}
