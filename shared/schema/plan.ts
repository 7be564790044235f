/**
 * The plan document: its title and period, the ordered domains, and where each commitment
 * sits (domain and order). Each commitment's own text lives in its own Y.Doc.
 */
import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { SCHEMA_VERSION } from './commitment.js';
import type { Bilingual } from './fields.js';
import type { PlanJSON } from './types.js';

interface DomainEntry { order: string; zh: string; en: string }
interface Placement { domainId: string; order: string }

export const planMeta = (doc: Y.Doc) => doc.getMap<unknown>('meta');
export const planDomains = (doc: Y.Doc) => doc.getMap<DomainEntry>('domains');
export const planPlacements = (doc: Y.Doc) => doc.getMap<Placement>('placements');

const byOrder = <T extends { order: string }>(entries: Array<[string, T]>) =>
  entries.sort((a, b) => (a[1].order < b[1].order ? -1 : a[1].order > b[1].order ? 1 : a[0] < b[0] ? -1 : 1));

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function renderPlan(doc: Y.Doc): PlanJSON {
  const meta = planMeta(doc);
  const title = (meta.get('title') ?? {}) as Partial<Bilingual>;
  const placements = [...planPlacements(doc).entries()];
  return {
    schemaVersion: typeof meta.get('schemaVersion') === 'number' ? (meta.get('schemaVersion') as number) : SCHEMA_VERSION,
    id: str(meta.get('id')),
    title: { zh: str(title.zh), en: str(title.en) },
    periodStart: str(meta.get('periodStart')),
    periodEnd: str(meta.get('periodEnd')),
    domains: byOrder([...planDomains(doc).entries()]).map(([id, d]) => ({
      id,
      name: { zh: d.zh, en: d.en },
      commitmentIds: byOrder(placements.filter(([, p]) => p.domainId === id)).map(([cid]) => cid),
    })),
  };
}

/** Writes a whole plan (seeding, import) in one transaction. */
export function writePlan(doc: Y.Doc, plan: PlanJSON): void {
  doc.transact(() => {
    const meta = planMeta(doc);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('id', plan.id);
    meta.set('title', { ...plan.title });
    meta.set('periodStart', plan.periodStart);
    meta.set('periodEnd', plan.periodEnd);
    planDomains(doc).clear();
    planPlacements(doc).clear();
    let domainKey: string | null = null;
    for (const domain of plan.domains) {
      domainKey = generateKeyBetween(domainKey, null);
      planDomains(doc).set(domain.id, { order: domainKey, zh: domain.name.zh, en: domain.name.en });
      let key: string | null = null;
      for (const cid of domain.commitmentIds) {
        key = generateKeyBetween(key, null);
        planPlacements(doc).set(cid, { domainId: domain.id, order: key });
      }
    }
  });
}

/** Places a commitment at the end of a domain (new commitment, or a move between domains). */
export function placeCommitment(doc: Y.Doc, commitmentId: string, domainId: string): void {
  const last = byOrder([...planPlacements(doc).entries()].filter(([id, p]) => p.domainId === domainId && id !== commitmentId)).pop();
  planPlacements(doc).set(commitmentId, { domainId, order: generateKeyBetween(last?.[1].order ?? null, null) });
}

export function addDomain(doc: Y.Doc, id: string, name: Bilingual): void {
  const last = byOrder([...planDomains(doc).entries()]).pop();
  planDomains(doc).set(id, { order: generateKeyBetween(last?.[1].order ?? null, null), ...name });
}
