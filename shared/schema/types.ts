/**
 * Plain JSON shapes of a commitment and a plan: the structured rendering that snapshots,
 * diffs, exports and the HTTP API all exchange. Produced only by `render.ts`.
 */
import type {
  Bilingual,
  CommitmentStatus,
  MilestoneStatus,
  OgpValue,
  SectionKey,
} from './fields.js';

/** A ProseMirror node in JSON form (what TipTap's `getJSON()` returns). */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  text?: string;
  marks?: RichMark[];
}
export interface RichMark {
  type: string;
  attrs?: Record<string, unknown>;
}
/** A rich-text section: a ProseMirror `doc` node. */
export interface RichDoc extends RichNode {
  type: 'doc';
  content: RichNode[];
}

export interface Agency {
  /** Stable identifier (survives renames; a reorganisation assigns a new lead agency id). */
  id: string;
  zh: string;
  en: string;
}

export interface MilestoneJSON {
  id: string;
  period: string;
  text: Bilingual;
  indicator: Bilingual;
  /** ISO start date; absent when not set (rows written before the column existed render as they did). */
  start?: string;
  /** ISO date `YYYY-MM-DD`, or '' when not set. */
  due: string;
  status: MilestoneStatus;
  /** URL of evidence of completion, or ''. */
  evidence: string;
}

/** One year's budget line. */
export interface BudgetRowJSON {
  id: string;
  /** Fiscal year, AD (`2026`; shown as 115年 (2026)), or '' when not set. */
  year: string;
  /** NT$ thousands, as written (see `budgetAmount`). */
  amount: string;
  source: Bilingual;
  note: Bilingual;
}

/** The lead agency's contact person. */
export interface ContactJSON {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface CommitmentJSON {
  schemaVersion: number;
  id: string;
  number: string;
  domainId: string;
  status: CommitmentStatus;
  startDate: string;
  endDate: string;
  title: Bilingual;
  partners: Bilingual;
  leadAgency: Agency;
  coAgencies: Agency[];
  ogpValues: Record<OgpValue, boolean>;
  sections: Record<SectionKey, Bilingual<RichDoc>>;
  /** Milestone rows in display order. */
  milestones: MilestoneJSON[];
  /** Budget rows in display order; absent when there are none (so older documents render, and hash, as before). */
  budget?: BudgetRowJSON[];
  /** Absent when every field is empty. */
  contact?: ContactJSON;
  /**
   * For each translatable field path (see `translationPaths`), a fingerprint of the Chinese
   * text the English was last written against. Compared with the current Chinese to mark
   * the English as outdated.
   */
  enBasis: Record<string, string>;
}

export interface DomainJSON {
  id: string;
  name: Bilingual;
  /** Commitment ids in display order. */
  commitmentIds: string[];
}

export interface PlanJSON {
  schemaVersion: number;
  id: string;
  title: Bilingual;
  periodStart: string;
  periodEnd: string;
  domains: DomainJSON[];
}
