/**
 * `applyCommitmentDiff`: replays a diff on the version it was taken from, which proves the
 * diff complete (apply(A, diff(A, B)) equals B) and lets a reviewer step between versions.
 */
import type { CommitmentJSON } from '../schema/types.js';
import { DiffApplyError } from './errors.js';
import { clone, sameJSON } from './json.js';
import { CONTACT_KEYS, type ContactKey } from '../schema/fields.js';
import { applyBudget, applyMilestones } from './milestones.js';
import { applyRich } from './rich.js';
import type { CommitmentDiff, FieldChange, InternalChanges, MetaValueKey } from './types.js';

function check(ok: boolean, path: string): void {
  if (!ok) throw new DiffApplyError(path, 'the commitment no longer holds the old value');
}

function applyField(out: CommitmentJSON, c: FieldChange): void {
  switch (c.kind) {
    case 'value': {
      if (c.field.startsWith('contact.')) {
        const key = c.field.slice('contact.'.length) as ContactKey;
        const contact = out.contact ?? { name: '', title: '', email: '', phone: '' };
        check(contact[key] === c.old, c.path);
        contact[key] = c.new;
        // Like renderCommitment: no contact when every field is empty.
        if (CONTACT_KEYS.some((k) => contact[k])) out.contact = contact;
        else delete out.contact;
        return;
      }
      const key = c.field as MetaValueKey;
      check(out[key] === c.old, c.path);
      (out as unknown as Record<string, string>)[key] = c.new;
      return;
    }
    case 'text': {
      const field = c.field as 'title' | 'partners';
      check(out[field][c.lang] === c.old, c.path);
      out[field][c.lang] = c.new;
      return;
    }
    case 'leadAgency':
      check(out.leadAgency.id === c.old.id, c.path);
      out.leadAgency = clone(c.new);
      return;
    case 'coAgencies':
      check(sameJSON(out.coAgencies, c.old), c.path);
      out.coAgencies = clone(c.new);
      return;
    case 'ogp':
      check(out.ogpValues[c.value] === c.old, c.path);
      out.ogpValues[c.value] = c.new;
      return;
    case 'rich':
      out.sections[c.section][c.lang] = applyRich(out.sections[c.section][c.lang], c.blocks, c.path);
      return;
    default:
      return; // milestone changes are applied together, since positions depend on each other
  }
}

function applyInternal(out: CommitmentJSON, internal: InternalChanges): void {
  if (internal.enBasis) {
    const basis: Record<string, string> = { ...out.enBasis };
    for (const key of internal.enBasis.remove) delete basis[key];
    Object.assign(basis, internal.enBasis.set);
    // Sorted like renderCommitment writes it.
    out.enBasis = Object.fromEntries(Object.keys(basis).sort().map((k) => [k, basis[k]!]));
  }
  if (internal.leadAgency) out.leadAgency = clone(internal.leadAgency);
  if (internal.schemaVersion !== undefined) out.schemaVersion = internal.schemaVersion;
  if (internal.id !== undefined) out.id = internal.id;
}

/**
 * The version `d` leads to, given the version it was taken from. Throws `DiffApplyError`
 * when `before` is not that version. `before` is not modified.
 * @example applyCommitmentDiff(a, diffCommitment(a, b)) // deep-equals b
 */
export function applyCommitmentDiff(before: CommitmentJSON, d: CommitmentDiff): CommitmentJSON {
  const out = clone(before);
  const isRow = (c: FieldChange) => c.path.startsWith('milestones.') || c.path.startsWith('budget.');
  for (const c of d.changes) if (!isRow(c)) applyField(out, c);
  out.milestones = applyMilestones(out.milestones, d.changes);
  const budget = applyBudget(out.budget ?? [], d.changes);
  // Like renderCommitment: no budget field without rows.
  if (budget.length) out.budget = budget;
  else delete out.budget;
  applyInternal(out, d.internal ?? {});
  return out;
}
