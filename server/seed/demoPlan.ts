/**
 * The demo plan: Taiwan's first Open Government National Action Plan (2021-01 to 2024-05),
 * 19 commitments in 5 domains, built from the records in `demoData.ts`. Fully deterministic:
 * no randomness and no clock, so seeding twice gives the same JSON. Every English text starts
 * up to date with the Chinese it translates (its `enBasis` fingerprint is set).
 */
import {
  SCHEMA_VERSION,
  commitmentDoc,
  markTranslated,
  paragraphs,
  renderCommitment,
  translationPaths,
} from '../../shared/schema/index.js';
import type {
  CommitmentJSON,
  MilestoneJSON,
  PlanJSON,
  RichDoc,
  RichNode,
  SectionKey,
} from '../../shared/schema/index.js';
import {
  DEMO_AGENCIES,
  DEMO_COMMITMENTS,
  DEMO_DOMAINS,
  DEMO_PLAN,
  type AgencyId,
  type DemoBlock,
  type DemoCommitment,
} from './demoData.js';

export const DEMO_PLAN_ID = DEMO_PLAN.id;
export const MILESTONE_YEARS = ['2021', '2022', '2023', '2024'] as const;

const bulletList = (items: string[]): RichNode => ({
  type: 'bulletList',
  content: items.map((text) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] })),
});

/** A section from blocks: strings are paragraphs, string arrays bullet lists. */
export function richFromBlocks(blocks: DemoBlock[]): RichDoc {
  const content: RichNode[] = [];
  for (const block of blocks) {
    if (typeof block === 'string') content.push(...paragraphs(block).content);
    else content.push(bulletList(block));
  }
  return { type: 'doc', content };
}

const agency = (id: AgencyId) => ({ id, zh: DEMO_AGENCIES[id].zh, en: DEMO_AGENCIES[id].en });

/** `c-01-open-data-reuse`: position in the plan, then the record's slug. */
export const demoCommitmentId = (index: number, slug: string) => `c-${String(index + 1).padStart(2, '0')}-${slug}`;

/** Due date of a yearly milestone: year end, or the plan's end for its last (partial) year. */
function dueOf(year: string): string {
  const end = `${year}-12-31`;
  return end > DEMO_PLAN.periodEnd ? DEMO_PLAN.periodEnd : end;
}

function rawCommitment(c: DemoCommitment, index: number): CommitmentJSON {
  const section = (key: SectionKey) => ({ zh: richFromBlocks(c[key].zh), en: richFromBlocks(c[key].en) });
  const milestones: MilestoneJSON[] = c.milestones.map(([textZh, textEn, indicatorZh, indicatorEn], i) => {
    const year = MILESTONE_YEARS[i]!;
    return {
      id: `m${year}`,
      period: year,
      text: { zh: textZh, en: textEn },
      indicator: { zh: indicatorZh, en: indicatorEn },
      due: dueOf(year),
      status: 'not_started',
      evidence: '',
    };
  });
  return {
    schemaVersion: SCHEMA_VERSION,
    id: demoCommitmentId(index, c.slug),
    number: c.number,
    domainId: c.domainId,
    status: 'draft',
    startDate: c.startDate ?? DEMO_PLAN.periodStart,
    endDate: c.endDate ?? DEMO_PLAN.periodEnd,
    title: { ...c.title },
    partners: { ...c.partners },
    leadAgency: agency(c.lead),
    coAgencies: c.co.map(agency),
    ogpValues: {
      transparency: c.ogp.includes('transparency'),
      participation: c.ogp.includes('participation'),
      accountability: c.ogp.includes('accountability'),
      innovation: c.ogp.includes('innovation'),
    },
    sections: {
      problem: section('problem'),
      content: section('content'),
      relevance: section('relevance'),
      other: section('other'),
    },
    milestones,
    enBasis: {},
  };
}

/** Renders through a Y.Doc with every English text marked as translated from the current Chinese. */
function translated(json: CommitmentJSON): CommitmentJSON {
  const doc = commitmentDoc(json);
  try {
    doc.transact(() => {
      for (const path of translationPaths(doc)) markTranslated(doc, path);
    });
    return renderCommitment(doc);
  } finally {
    doc.destroy();
  }
}

export function demoPlan(): { plan: PlanJSON; commitments: CommitmentJSON[] } {
  const commitments = DEMO_COMMITMENTS.map((c, i) => translated(rawCommitment(c, i)));
  const plan: PlanJSON = {
    schemaVersion: SCHEMA_VERSION,
    id: DEMO_PLAN.id,
    title: { ...DEMO_PLAN.title },
    periodStart: DEMO_PLAN.periodStart,
    periodEnd: DEMO_PLAN.periodEnd,
    domains: DEMO_DOMAINS.map((d) => ({
      id: d.id,
      name: { zh: d.zh, en: d.en },
      commitmentIds: commitments.filter((c) => c.domainId === d.id).map((c) => c.id),
    })),
  };
  return { plan, commitments };
}
