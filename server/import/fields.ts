/**
 * A recognised commitment as the values an import writes: agency names matched against the
 * directory (longest name first, so 法務部廉政署 is not read as 法務部), names the directory
 * does not have kept in "other information" under a marker and warned about.
 */
import type { Agency, RichNode } from '../../shared/schema/index.js';
import type { ImportedFields, ImportWarning } from '../../shared/protocol/import.js';
import type { ImportedCommitment } from './recognise.js';

/** Agencies named in a text, in the order written, and the names no agency of the directory has. */
export function matchAgencies(text: string, directory: Agency[]): { found: Agency[]; unknown: string[] } {
  let s = text.normalize('NFKC').toLowerCase();
  const names = directory
    .flatMap((a) => [a.zh, a.en].filter(Boolean).map((n) => [n.normalize('NFKC').toLowerCase(), a] as const))
    .sort((x, y) => y[0].length - x[0].length);
  const hits: Array<{ at: number; a: Agency }> = [];
  for (const [name, a] of names) {
    for (let at = s.indexOf(name); at >= 0; at = s.indexOf(name)) {
      hits.push({ at, a });
      s = s.slice(0, at) + '\u0000'.repeat(name.length) + s.slice(at + name.length);
    }
  }
  const found: Agency[] = [];
  for (const h of hits.sort((x, y) => x.at - y.at)) if (!found.some((f) => f.id === h.a.id)) found.push({ id: h.a.id, zh: h.a.zh, en: h.a.en });
  const unknown = s
    .split(/\u0000+|\n|[、,，;；/／]|\band\b|及|與|和|等/)
    .map((p) => p.replace(/^[\s•·\-–*]+|[\s.。]+$/g, '').trim())
    .filter((p) => p.length > 1);
  // The unknown parts are cut from the lower-cased text; give them back as written where possible.
  const original = text.normalize('NFKC');
  return {
    found,
    unknown: unknown.map((u) => {
      const at = original.toLowerCase().indexOf(u);
      return at >= 0 ? original.slice(at, at + u.length) : u;
    }),
  };
}

const marker = (lang: 'zh' | 'en', label: string, value: string): RichNode[] => [
  { type: 'paragraph', content: [{ type: 'text', text: lang === 'zh' ? `【匯入時未能辨識：${label}】` : `[Not recognised on import: ${label}]`, marks: [{ type: 'bold' }] }] },
  { type: 'paragraph', content: [{ type: 'text', text: value }] },
];

export function toFields(c: ImportedCommitment, directory: Agency[]): { fields: ImportedFields; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const has = (field: string) => c.recognised.some((r) => r.field === field);
  const extra: RichNode[] = [];
  let leadAgency: Agency | null = null;
  let coAgencies: Agency[] | null = null;
  if (c.leadAgency) {
    const m = matchAgencies(c.leadAgency, directory);
    leadAgency = m.found[0] ?? null;
    if (!leadAgency || m.found.length > 1 || m.unknown.length) {
      warnings.push({ code: 'unknown_lead_agency', params: { agency: c.leadAgency }, message: `The lead agency "${c.leadAgency}" is not one agency of the directory${leadAgency ? `; "${leadAgency.zh}" was taken` : ''}. A coordinator adds it to the directory (POST /api/agencies) first.` });
      extra.push(...marker(c.lang, c.lang === 'zh' ? '權責機關' : 'Lead agency', c.leadAgency));
    }
  }
  if (has('coAgencies')) {
    const m = matchAgencies(c.coAgencies, directory);
    coAgencies = m.found.filter((a) => a.id !== leadAgency?.id);
    if (m.unknown.length) {
      warnings.push({ code: 'unknown_co_agency', params: { agencies: m.unknown.join('、') }, message: `Not in the agency directory, so not made co-implementing agencies: ${m.unknown.join(', ')}. They were put in "other information".` });
      extra.push(...marker(c.lang, c.lang === 'zh' ? '協辦機關' : 'Co-implementing agencies', m.unknown.join(c.lang === 'zh' ? '、' : ', ')));
    }
  }
  const sections: ImportedFields['sections'] = {};
  for (const [key, content] of Object.entries(c.sections)) sections[key as keyof typeof sections] = { type: 'doc', content: [...content] };
  return {
    fields: {
      number: c.number,
      title: c.title,
      leadAgency,
      coAgencies,
      partners: has('partners') ? c.partners : null,
      startDate: c.startDate,
      endDate: c.endDate,
      status: c.status,
      ogpValues: c.ogpValues,
      sections,
      milestones: c.milestones ? c.milestones.map((m) => ({ ...m })) : null,
      budget: c.budget ? c.budget.map((b) => ({ ...b })) : null,
      contact: c.contact ? { ...c.contact } : null,
      unplaced: [...c.unplaced, ...extra],
    },
    warnings: [...c.warnings, ...warnings],
  };
}
