/** The input every exporter takes: a plan, the selected commitments, the version they come from, and the language. */
import type { CommitmentJSON, PlanJSON } from '../../shared/schema/index.js';

export type ExportLang = 'zh' | 'en' | 'both';
export const EXPORT_LANGS: readonly ExportLang[] = ['zh', 'en', 'both'];

/** What the selection is: the whole plan, one domain, or one commitment. */
export type ExportScope =
  | { kind: 'plan' }
  | { kind: 'domain'; domainId: string }
  | { kind: 'commitment'; commitmentId: string };

export interface ExportVersion {
  /** A review meeting's label (e.g. '第3次推動小組會議 核定本'), or 'live' for the current text. */
  label: string;
  /** ISO date of the meeting (or of the export, for 'live'). */
  date: string;
  /** Content hash of the snapshot, hex. */
  hash: string;
  /**
   * What the cover says the text is: a draft printed on `date` (the live text), a meeting's
   * version, the approved version (核定本), or an automatic checkpoint taken on `date`. Absent: a draft for 'live', else a meeting's.
   */
  status?: 'draft' | 'meeting' | 'approved' | 'checkpoint';
  /** The review meeting the version belongs to (its label), when it belongs to one. */
  meeting?: string;
  /** For an approved version: the day it was approved and the meeting that approved it. */
  approval?: { date: string; meeting: string };
}

/** The agency that issues the document, named on its cover. */
export interface Issuer {
  zh: string;
  en: string;
}

export interface ExportInput {
  plan: PlanJSON;
  /** The selected commitments; the order of the plan's domains decides the order in the document. */
  commitments: CommitmentJSON[];
  scope: ExportScope;
  version: ExportVersion;
  lang: ExportLang;
  /** Named on the cover; absent: the default (the National Development Council). */
  issuer?: Issuer;
}
