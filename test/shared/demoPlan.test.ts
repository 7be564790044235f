import { describe, it, expect } from 'vitest';
import { demoPlan } from '../../server/seed/demoPlan.js';
import {
  SECTION_KEYS,
  commitmentDoc,
  outdatedPaths,
  renderCommitment,
  richToPlain,
  translationPaths,
} from '../../shared/schema/index.js';
import type { RichNode } from '../../shared/schema/index.js';

const ID = /^c-[a-z0-9][a-z0-9-]{0,62}$/;
const MILESTONE_ID = /^m[a-z0-9]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const hasType = (node: RichNode, type: string): boolean =>
  node.type === type || (node.content ?? []).some((c) => hasType(c, type));

describe('demo plan', () => {
  const { plan, commitments } = demoPlan();

  it('is the first national action plan, 2021-01 to 2024-05', () => {
    expect(plan.id).toBe('plan-nap1');
    expect(plan.title).toEqual({ zh: '開放政府國家行動方案（2021-2024）', en: 'Open Government National Action Plan (2021–2024)' });
    expect(plan.periodStart).toBe('2021-01-01');
    expect(plan.periodEnd).toBe('2024-05-31');
  });

  it('has 19 commitments in 5 domains', () => {
    expect(commitments).toHaveLength(19);
    expect(plan.domains.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(plan.domains.map((d) => d.commitmentIds.length)).toEqual([5, 5, 4, 3, 2]);
    for (const d of plan.domains) {
      expect(d.name.zh.trim()).not.toBe('');
      expect(d.name.en.trim()).not.toBe('');
    }
  });

  it('places every commitment in exactly one domain, its own', () => {
    const placed = plan.domains.flatMap((d) => d.commitmentIds);
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual(commitments.map((c) => c.id).sort());
    for (const c of commitments) {
      const holders = plan.domains.filter((d) => d.commitmentIds.includes(c.id));
      expect(holders.map((d) => d.id)).toEqual([c.domainId]);
    }
  });

  it('has unique, well-formed ids and numbers', () => {
    const ids = commitments.map((c) => c.id);
    const numbers = commitments.map((c) => c.number);
    expect(new Set(ids).size).toBe(19);
    expect(new Set(numbers).size).toBe(19);
    for (const c of commitments) {
      expect(c.id).toMatch(ID);
      // Numbered within the domain: 1-1 … 5-2.
      expect(c.number).toMatch(/^[1-5]-\d+$/);
      expect(c.number.split('-')[0]).toBe(c.domainId.slice(1));
    }
  });

  it('fills every field of every commitment in both languages', () => {
    for (const c of commitments) {
      expect(c.status).toBe('draft');
      expect(c.title.zh.trim(), c.id).not.toBe('');
      expect(c.title.en.trim(), c.id).not.toBe('');
      expect(c.partners.zh.trim(), c.id).not.toBe('');
      expect(c.partners.en.trim(), c.id).not.toBe('');
      expect(c.leadAgency.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(c.leadAgency.zh).not.toBe('');
      expect(c.leadAgency.en).not.toBe('');
      expect(c.coAgencies.length).toBeLessThanOrEqual(3);
      for (const a of c.coAgencies) expect(a.id).not.toBe(c.leadAgency.id);
      expect(Object.values(c.ogpValues).some(Boolean), c.id).toBe(true);
      expect(c.startDate).toMatch(DATE);
      expect(c.endDate).toMatch(DATE);
      expect(c.startDate >= plan.periodStart && c.endDate <= plan.periodEnd && c.startDate < c.endDate).toBe(true);
      for (const key of SECTION_KEYS) {
        expect(richToPlain(c.sections[key].zh).trim(), `${c.id} ${key} zh`).not.toBe('');
        expect(richToPlain(c.sections[key].en).trim(), `${c.id} ${key} en`).not.toBe('');
      }
    }
  });

  it('uses bullet lists in some sections', () => {
    const withLists = commitments.flatMap((c) => SECTION_KEYS.filter((k) => hasType(c.sections[k].zh, 'bulletList')));
    expect(withLists.length).toBeGreaterThanOrEqual(3);
    // The English keeps the structure of the Chinese.
    for (const c of commitments) {
      for (const key of SECTION_KEYS) {
        expect(hasType(c.sections[key].en, 'bulletList')).toBe(hasType(c.sections[key].zh, 'bulletList'));
      }
    }
  });

  it('has yearly milestones 2021–2024 with stable ids and quantifiable indicators', () => {
    for (const c of commitments) {
      expect(c.milestones.map((m) => m.period), c.id).toEqual(['2021', '2022', '2023', '2024']);
      expect(new Set(c.milestones.map((m) => m.id)).size).toBe(4);
      for (const m of c.milestones) {
        expect(m.id).toMatch(MILESTONE_ID);
        expect(m.due).toMatch(DATE);
        expect(m.due.slice(0, 4)).toBe(m.period);
        expect(m.due >= c.startDate && m.due <= c.endDate).toBe(true);
        expect(m.text.zh && m.text.en && m.indicator.zh && m.indicator.en, `${c.id} ${m.id}`).toBeTruthy();
        expect(m.indicator.zh, `${c.id} ${m.id}`).toMatch(/\d/);
        expect(m.indicator.en, `${c.id} ${m.id}`).toMatch(/\d/);
        expect(m.evidence).toBe('');
      }
    }
  });

  it('round-trips through a commitment Y.Doc unchanged', () => {
    for (const c of commitments) {
      const doc = commitmentDoc(c);
      expect(renderCommitment(doc)).toEqual(c);
      doc.destroy();
    }
  });

  it('starts with no English marked outdated, and a basis for every translatable field', () => {
    for (const c of commitments) {
      const doc = commitmentDoc(c);
      expect(outdatedPaths(doc), c.id).toEqual([]);
      expect(Object.keys(c.enBasis).sort()).toEqual([...translationPaths(doc)].sort());
      doc.destroy();
    }
  });

  it('is deterministic', () => {
    expect(demoPlan()).toEqual(demoPlan());
    expect(JSON.stringify(demoPlan())).toBe(JSON.stringify(demoPlan()));
  });
});
