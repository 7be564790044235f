/**
 * Importing commitment tables (DOCX, Markdown) over HTTP: the file is the raw request body,
 * and these are the preview the server answers and the result of an import. Client and
 * server both read these shapes.
 */
import { z } from 'zod';
import type { CommitmentDiff } from '../diff/types.js';
import type { Agency, ContactKey, Lang, MilestoneStatus, CommitmentStatus, OgpValue, RichNode, SectionKey } from '../schema/index.js';

/** The content types an import accepts (anything else: 415). */
export const IMPORT_CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown',
} as const;
export type ImportFormat = keyof typeof IMPORT_CONTENT_TYPES;

/** A field of the commitment table an import can fill. */
export type ImportField =
  | 'number'
  | 'title'
  | 'domain'
  | 'leadAgency'
  | 'coAgencies'
  | 'partners'
  | 'dates'
  | 'status'
  | 'ogpValues'
  | 'problem'
  | 'content'
  | 'relevance'
  | 'other'
  | 'milestones'
  | 'budget'
  | 'contact';

export interface RecognisedField {
  field: ImportField;
  /** The content language the label was written in. */
  lang: Lang;
  /** The label as the file has it. */
  label: string;
  /** A plain-text glimpse of the value (at most 300 characters). */
  preview: string;
}

/** Content that matched no field: put in "other information" under a marker. */
export interface UnrecognisedRow {
  label: string;
  preview: string;
}

/**
 * `code` is the translation key (client dictionaries: `importWarning_<code>`); `message` is the
 * English sentence; `params` the names it mentions (label, agency…), for the translated one.
 */
export interface ImportWarning {
  code: string;
  message: string;
  params?: Record<string, string>;
}

/** Why a commitment of the file may not be imported by this person (`reason` is the English sentence). */
export type ImportRefusal = 'not_writer' | 'coordinator_only' | 'lead_agency_unknown' | 'no_lead_agency' | 'no_domain';

/** Error codes of the import routes besides the common ones (client: `importError_<code>`). */
export const IMPORT_ERROR_CODES = ['unsupported_import_format', 'too_large', 'bad_docx', 'bad_markdown', 'too_deep', 'nothing_recognised', 'import_forbidden', 'empty_import', 'import_several', 'unknown_domain'] as const;

/** The values the file gives, in `lang` (the language of its labels). */
export interface ImportedFields {
  number: string;
  title: string;
  leadAgency: Agency | null;
  coAgencies: Agency[] | null;
  partners: string | null;
  startDate: string;
  endDate: string;
  status: CommitmentStatus | null;
  ogpValues: Record<OgpValue, boolean> | null;
  sections: Partial<Record<SectionKey, { type: 'doc'; content: RichNode[] }>>;
  milestones: Array<{ period: string; text: string; indicator: string; start?: string; due: string; status: MilestoneStatus; evidence: string }> | null;
  /** Null when the file has no budget table; `source` and `note` in `lang`. */
  budget?: Array<{ year: string; amount: string; source: string; note: string }> | null;
  /** The contact fields the file gives (absent: left as they are). */
  contact?: Partial<Record<ContactKey, string>> | null;
  /**
   * Content no field took, under its markers: added after "other information" (the file's, or
   * else the commitment's own, unless it ends with these blocks already).
   */
  unplaced: RichNode[];
}

export interface PreviewCommitment {
  number: string;
  title: string;
  lang: Lang;
  action: 'create' | 'update';
  /** The commitment updated, when action is update. */
  commitmentId: string | null;
  /** The domain a new commitment goes to. */
  domainId: string | null;
  /** False when the importing person may not carry out this action; `reason` says why. */
  allowed: boolean;
  reason: string;
  /** The refusal's code when not allowed (the client's sentence), with the lead agency named for `lead_agency_unknown`. */
  reasonCode: ImportRefusal | null;
  reasonParams?: Record<string, string>;
  fields: ImportedFields;
  recognised: RecognisedField[];
  unrecognised: UnrecognisedRow[];
  milestoneCount: number;
  warnings: ImportWarning[];
  /** For an update: what would change, field by field (the diff the comparison view shows). */
  diff: CommitmentDiff | null;
}

export interface ImportPreview {
  planId: string;
  format: ImportFormat;
  commitments: PreviewCommitment[];
  /** About the file as a whole (text before the first commitment…). */
  warnings: ImportWarning[];
}

export interface ImportResult {
  planId: string;
  results: Array<{ number: string; action: 'create' | 'update'; commitmentId: string; checkpointId: string | null }>;
  warnings: ImportWarning[];
}

/** The query of both import routes. */
export const importQuery = z.object({
  /** Update this commitment only (the file must hold one commitment). */
  commitment: z.string().min(1).max(100).optional(),
  /** The domain new commitments go to (default: the domain heading above them in the file, else the plan's first). */
  domain: z.string().min(1).max(100).optional(),
});
