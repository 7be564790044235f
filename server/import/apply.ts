/**
 * Writes a recognised commitment into its Y.Doc as a forward edit in the file's language:
 * texts keep their common start and end, sections change only their differing blocks,
 * milestone rows are updated in place by position (new rows added, rows the file no longer
 * has removed). Fields the file does not have are left as they are. Agencies are rights
 * (server state): the service changes them, never this.
 */
import type * as Y from 'yjs';
import {
  CONTACT_KEYS,
  addBudgetRow,
  addMilestone,
  budgetOrder,
  budgetText,
  getBudgetValue,
  getContact,
  removeBudgetRow,
  setBudgetValue,
  setContact,
  fragmentToRich,
  getMeta,
  getMilestoneValue,
  getOgp,
  milestoneOrder,
  milestoneText,
  removeMilestone,
  sectionFragment,
  setMeta,
  setMilestoneValue,
  setOgp,
  shortText,
  OGP_VALUES,
  type Lang,
  type MilestoneValueKey,
} from '../../shared/schema/index.js';
import type { ImportedFields } from '../../shared/protocol/import.js';
import { replaceText } from '../suggestions/fieldValues.js';
import { applySection } from '../versions/restore.js';
import { canonicalJSON } from '../versions/hash.js';

export function applyImported(doc: Y.Doc, f: ImportedFields, lang: Lang): void {
  doc.transact(() => {
    if (f.number && getMeta(doc, 'number') !== f.number) setMeta(doc, 'number', f.number);
    if (f.title) replaceText(shortText(doc, 'title', lang), f.title);
    if (f.partners !== null) replaceText(shortText(doc, 'partners', lang), f.partners);
    if (f.startDate && getMeta(doc, 'startDate') !== f.startDate) setMeta(doc, 'startDate', f.startDate);
    if (f.endDate && getMeta(doc, 'endDate') !== f.endDate) setMeta(doc, 'endDate', f.endDate);
    if (f.status && getMeta(doc, 'status') !== f.status) setMeta(doc, 'status', f.status);
    if (f.ogpValues) {
      const now = getOgp(doc);
      for (const k of OGP_VALUES) if (now[k] !== f.ogpValues[k]) setOgp(doc, k, f.ogpValues[k]);
    }
    const sections = { ...f.sections };
    if (f.unplaced.length) {
      // Without an "other information" of its own in the file, the commitment's is kept and the unplaced content follows it, once.
      const base = sections.other?.content ?? fragmentToRich(sectionFragment(doc, 'other', lang)).content;
      const tail = base.slice(base.length - f.unplaced.length);
      const already = !sections.other && canonicalJSON(tail) === canonicalJSON(f.unplaced);
      sections.other = { type: 'doc', content: already ? base : [...base, ...f.unplaced] };
    }
    for (const [key, value] of Object.entries(sections)) applySection(sectionFragment(doc, key as keyof typeof sections, lang), value);
    if (f.milestones) {
      const ids = milestoneOrder(doc);
      f.milestones.forEach((m, i) => {
        const id = ids[i];
        if (!id) {
          addMilestone(doc, { period: m.period, start: m.start, due: m.due, status: m.status, evidence: m.evidence, text: { [lang]: m.text }, indicator: { [lang]: m.indicator } });
          return;
        }
        for (const key of ['period', 'due', 'status', 'evidence'] as const) {
          if (getMilestoneValue(doc, id, key) !== m[key]) setMilestoneValue(doc, id, key, m[key]);
        }
        if (m.start && getMilestoneValue(doc, id, 'start') !== m.start) setMilestoneValue(doc, id, 'start', m.start);
        for (const key of ['text', 'indicator'] as const) {
          const t = milestoneText(doc, id, key, lang);
          if (t) replaceText(t, m[key]);
        }
      });
      for (const id of ids.slice(f.milestones.length)) removeMilestone(doc, id);
    }
    if (f.budget) {
      // Like milestones: rows by position, texts in the file's language.
      const ids = budgetOrder(doc);
      f.budget.forEach((b, i) => {
        const id = ids[i];
        if (!id) {
          addBudgetRow(doc, { year: b.year, amount: b.amount, source: { [lang]: b.source }, note: { [lang]: b.note } });
          return;
        }
        for (const key of ['year', 'amount'] as const) if (getBudgetValue(doc, id, key) !== b[key]) setBudgetValue(doc, id, key, b[key]);
        for (const key of ['source', 'note'] as const) {
          const t = budgetText(doc, id, key, lang);
          if (t) replaceText(t, b[key]);
        }
      });
      for (const id of ids.slice(f.budget.length)) removeBudgetRow(doc, id);
    }
    for (const key of CONTACT_KEYS) {
      const value = f.contact?.[key];
      if (value !== undefined && getContact(doc, key) !== value) setContact(doc, key, value);
    }
  });
}
