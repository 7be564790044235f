/**
 * What the recogniser makes of a file, before it is mapped onto the commitment schema: one
 * commitment as the file has it (in the language its labels are written in), with what was
 * recognised, what was not, and the warnings; the limits of one import; small text helpers
 * the recogniser and its table readers share.
 */
import type { CommitmentStatus, ContactKey, Lang, MilestoneStatus, OgpValue, RichNode, SectionKey } from '../../shared/schema/index.js';
import type { ImportWarning, RecognisedField, UnrecognisedRow } from '../../shared/protocol/import.js';
import type { LabelField } from './labels.js';

/** Commitments one file may hold; a national plan has about twenty. */
export const MAX_IMPORT_COMMITMENTS = 200;
/** Milestone rows one commitment may have. */
export const MAX_IMPORT_MILESTONES = 200;

export interface ImportedMilestone {
  period: string;
  text: string;
  indicator: string;
  /** Only when the file gives one. */
  start?: string;
  due: string;
  status: MilestoneStatus;
  evidence: string;
}

/** A budget line as the file has it: the AD year, the amount as written, texts in the file's language. */
export interface ImportedBudgetRow {
  year: string;
  amount: string;
  source: string;
  note: string;
}

/** Budget rows one commitment may have. */
export const MAX_IMPORT_BUDGET_ROWS = 100;

/** The AD year of `115年 (2026)`, `2026`, `115年` or `民國115年`; '' when there is none. */
export function parseFiscalYear(text: string): string {
  const t = text.normalize('NFKC');
  const ad = /(?:^|\D)((?:19|20|21)\d{2})(?:\D|$)/.exec(t);
  if (ad) return ad[1]!;
  const roc = /(\d{2,3})\s*年/.exec(t);
  return roc ? String(Number(roc[1]) + 1911) : '';
}

/** One commitment as recognised in the file, in the content language its labels are written in. */
export interface ImportedCommitment {
  lang: Lang;
  number: string;
  title: string;
  /** The unnumbered heading above it (a domain's name, in our own exports), or ''. */
  domainHeading: string;
  /** Agency names as written (matched against the directory by the service). */
  leadAgency: string;
  coAgencies: string;
  partners: string;
  startDate: string;
  endDate: string;
  status: CommitmentStatus | null;
  ogpValues: Record<OgpValue, boolean> | null;
  /** Sections the file fills (absent: not in the file, left as they are). */
  sections: Partial<Record<SectionKey, RichNode[]>>;
  /** Null when the file has no milestone table for it. */
  milestones: ImportedMilestone[] | null;
  /** Null when the file has no budget table for it. */
  budget: ImportedBudgetRow[] | null;
  /** Contact fields the file gives. */
  contact: Partial<Record<ContactKey, string>> | null;
  /** Content no field took, each piece under its marker: added to "other information". */
  unplaced: RichNode[];
  recognised: RecognisedField[];
  unrecognised: UnrecognisedRow[];
  warnings: ImportWarning[];
}

export interface Recognition {
  commitments: ImportedCommitment[];
  /** Warnings about the file as a whole (text before the first commitment, too many commitments). */
  warnings: ImportWarning[];
}

export interface RecogniseOptions {
  /** Our DOCX export writes a section's headings two levels down (a heading 3 as Heading 5). */
  headingShift?: number;
}

/** What our exports add to a translated value that is not the value (model.ts NOTES). */
export const NOTES = /\s*(?:（英譯待更新）|\(translation outdated\)|（尚無英譯）|\(no English translation\))+\s*/g;
export const stripNotes = (s: string) => s.replace(NOTES, ' ').trim();

/** "1-1 推動…", "1.1 Open data", "承諾事項 3：…", "Commitment 2: …". */
export const NUMBERED = /^(?:承諾事項|承諾|commitment)?\s*(\d{1,3}(?:[-.]\d{1,3})*)(?:[.、:：)]\s*|\s+)(\S.*)$/i;

export function numberedHeading(text: string): { number: string; title: string } | null {
  const m = NUMBERED.exec(text.normalize('NFKC').trim());
  return m ? { number: m[1]!.replace(/\.$/, ''), title: m[2]!.trim() } : null;
}

export const glimpse = (s: string) => (s.length > 300 ? `${s.slice(0, 299)}…` : s);

export const MARKER: Record<Lang, (label: string) => string> = {
  zh: (label) => `【匯入時未能辨識${label ? `：${label}` : ''}】`,
  en: (label) => `[Not recognised on import${label ? `: ${label}` : ''}]`,
};

export type SectionField = SectionKey;
export const SECTION_FIELDS = new Set<LabelField>(['problem', 'content', 'relevance', 'other']);
export const isSection = (f: LabelField): f is SectionField => SECTION_FIELDS.has(f);

export interface Draft {
  c: ImportedCommitment;
  /** Fields given by an explicit label (a second number or title starts the next commitment). */
  seen: Set<LabelField>;
  langVotes: Record<Lang, number>;
  /** Unplaced content, added to "other information" when the commitment is done. */
  unplaced: RichNode[];
  headingLevel: number;
}

export function newCommitment(): ImportedCommitment {
  return {
    lang: 'zh',
    number: '',
    title: '',
    domainHeading: '',
    leadAgency: '',
    coAgencies: '',
    partners: '',
    startDate: '',
    endDate: '',
    status: null,
    ogpValues: null,
    sections: {},
    milestones: null,
    budget: null,
    contact: null,
    unplaced: [],
    recognised: [],
    unrecognised: [],
    warnings: [],
  };
}

