/**
 * Importing commitment tables (DOCX, Markdown) over HTTP: the request bodies, the preview the
 * server answers and the result of applying it. Client and server both read these shapes.
 */
import { z } from 'zod';
import type { Lang } from '../schema/index.js';

/** Largest file accepted, in bytes (before base64). */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
/** Largest JSON body of a preview request: the file in base64 plus a little room. */
export const MAX_IMPORT_BODY_BYTES = Math.ceil((MAX_IMPORT_FILE_BYTES * 4) / 3) + 64 * 1024;
/** How long a preview can be applied, in milliseconds. */
export const IMPORT_PREVIEW_TTL_MS = 30 * 60 * 1000;

export const importPreviewBody = z.object({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z.string().max(MAX_IMPORT_BODY_BYTES),
  /** Update this commitment only (its page's import button); otherwise matched by number. */
  commitmentId: z.string().min(1).max(100).optional(),
  /** Domain for new commitments; the plan's first domain by default. */
  domainId: z.string().min(1).max(100).optional(),
});
export type ImportPreviewBody = z.infer<typeof importPreviewBody>;

export const importApplyBody = z.object({ previewId: z.string().min(1).max(100) });
export type ImportApplyBody = z.infer<typeof importApplyBody>;

/** A field of the commitment table an import can fill. */
export type ImportField =
  | 'number'
  | 'title'
  | 'domain'
  | 'leadAgency'
  | 'coAgencies'
  | 'partners'
  | 'dates'
  | 'problem'
  | 'content'
  | 'relevance'
  | 'other'
  | 'milestones';

export interface RecognisedField {
  field: ImportField;
  /** The content language the label was written in. */
  lang: Lang;
  /** The label as the file has it. */
  label: string;
  /** A plain-text glimpse of the value (at most 300 characters). */
  preview: string;
}

export interface UnrecognisedRow {
  label: string;
  preview: string;
}

export interface PreviewCommitment {
  number: string;
  title: string;
  action: 'create' | 'update';
  /** The commitment updated, when action is update. */
  commitmentId: string | null;
  /** False when the importing person may not carry out this action; `reason` says why. */
  allowed: boolean;
  reason: string;
  recognised: RecognisedField[];
  unrecognised: UnrecognisedRow[];
  milestoneCount: number;
  warnings: string[];
}

export interface ImportPreview {
  previewId: string;
  planId: string;
  fileName: string;
  format: 'docx' | 'markdown';
  expiresAt: string;
  commitments: PreviewCommitment[];
}

export interface ImportResult {
  planId: string;
  results: Array<{ number: string; action: 'create' | 'update'; commitmentId: string }>;
}
