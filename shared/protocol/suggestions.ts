/**
 * Suggestions: wording proposed by anyone who reads a commitment, decided by its writers. What
 * the API accepts and answers, shared so the editor builds exactly what the server checks.
 *
 * A suggestion names one field and holds the whole proposed value of it; the server records
 * the field's value at the moment it was proposed (the base), so "what they propose" is the
 * field diff base → proposed, and a field changed since by someone else shows as conflicting
 * instead of being overwritten.
 */
import { z } from 'zod';
import { MILESTONE_TEXT_KEYS, MILESTONE_VALUE_KEYS, SECTION_KEYS, SHORT_TEXT_KEYS, type Lang, type RichDoc } from '../schema/index.js';
import type { AffiliationKind } from './auth.js';

export const SUGGESTION_STATUSES = ['open', 'accepted', 'declined'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** Longest proposed text (characters): a whole section of a commitment table is far shorter. */
export const MAX_SUGGESTION_CHARS = 20_000;
/** Longest reason for a decision. */
export const MAX_REASON_CHARS = 4_000;
/** Open suggestions one person may have on one commitment at a time. */
export const MAX_OPEN_PER_PERSON = 200;

/**
 * The field a suggestion changes, parsed from its address: `title`, `partners`,
 * `section:<key>`, `milestone:<rowId>:<cell>`.
 */
export type SuggestionTarget =
  | { kind: 'short'; key: (typeof SHORT_TEXT_KEYS)[number] }
  | { kind: 'section'; key: (typeof SECTION_KEYS)[number] }
  | { kind: 'milestoneText'; rowId: string; cell: (typeof MILESTONE_TEXT_KEYS)[number] }
  | { kind: 'milestoneValue'; rowId: string; cell: (typeof MILESTONE_VALUE_KEYS)[number] };

const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseSuggestionField(field: string): SuggestionTarget | null {
  if ((SHORT_TEXT_KEYS as readonly string[]).includes(field)) return { kind: 'short', key: field as (typeof SHORT_TEXT_KEYS)[number] };
  const parts = field.split(':');
  if (parts[0] === 'section' && parts.length === 2 && (SECTION_KEYS as readonly string[]).includes(parts[1]!)) {
    return { kind: 'section', key: parts[1] as (typeof SECTION_KEYS)[number] };
  }
  if (parts[0] === 'milestone' && parts.length === 3 && ROW_ID.test(parts[1]!)) {
    const cell = parts[2]!;
    if ((MILESTONE_TEXT_KEYS as readonly string[]).includes(cell)) return { kind: 'milestoneText', rowId: parts[1]!, cell: cell as (typeof MILESTONE_TEXT_KEYS)[number] };
    if ((MILESTONE_VALUE_KEYS as readonly string[]).includes(cell)) return { kind: 'milestoneValue', rowId: parts[1]!, cell: cell as (typeof MILESTONE_VALUE_KEYS)[number] };
  }
  return null;
}

/** Whether a field's value depends on the content language (value cells do not). */
export const targetHasLang = (t: SuggestionTarget): boolean => t.kind !== 'milestoneValue';

/** A field's value: a plain string, or a rich-text document for sections. */
export type SuggestionValue = string | RichDoc;

const richNode: z.ZodType<unknown> = z.lazy(() =>
  z.object({
    type: z.string().max(40),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(richNode).max(2000).optional(),
    // Length is counted over the whole value by the service (413 with the limit); the body limit bounds the parse.
    text: z.string().optional(),
    marks: z.array(z.object({ type: z.string().max(40), attrs: z.record(z.string(), z.unknown()).optional() })).max(10).optional(),
  }),
);

/** `POST /api/commitments/:id/suggestions`: plain `text` for any field, or `rich` for a section (from the editor). */
export const newSuggestionBody = z
  .object({
    field: z.string().min(1).max(120),
    lang: z.enum(['zh', 'en']).optional(),
    text: z.string().optional(),
    rich: richNode.optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.rich === undefined), { message: 'send either "text" or "rich", not both' });
export type NewSuggestionBody = z.infer<typeof newSuggestionBody>;

export const declineBody = z.object({ reason: z.string().trim().min(1, 'give a reason: declined suggestions are answered on the record').max(MAX_REASON_CHARS) });
export const acceptBody = z.object({ reason: z.string().trim().max(MAX_REASON_CHARS).optional() });

export const suggestionListQuery = z.object({ status: z.enum(SUGGESTION_STATUSES).optional() });

export interface SuggestionPerson {
  userId: string;
  name: string;
  affiliation: string;
  affiliationKind: AffiliationKind;
}

export interface SuggestionView {
  id: string;
  commitmentId: string;
  planId: string;
  field: string;
  /** '' for a language-neutral cell (a date, a status). */
  lang: Lang | '';
  base: SuggestionValue;
  proposed: SuggestionValue;
  author: SuggestionPerson;
  createdAt: string;
  status: SuggestionStatus;
  /** For an open suggestion: the field has changed since it was proposed, so accepting it would overwrite someone's edit. */
  conflicting: boolean;
  decision: { by: SuggestionPerson; at: string; reason: string } | null;
}

export interface SuggestionList {
  commitmentId: string;
  suggestions: SuggestionView[];
  counts: Record<SuggestionStatus, number>;
}

/** Suggestions made in a period, by what became of them. */
export interface SuggestionTally {
  made: number;
  accepted: number;
  declined: number;
}

/** `GET /api/suggestion-figures`: the contribution page's suggestion figures, by affiliation kind and by person. */
export interface SuggestionFigures {
  byAffiliation: Record<string, SuggestionTally>;
  byPerson: Array<SuggestionPerson & SuggestionTally>;
}

export const suggestionFiguresQuery = z
  .object({
    plan: z.string().max(80).optional(),
    commitment: z.string().max(80).optional(),
    /** ISO times: suggestions made after `after` (exclusive) and up to `until` (inclusive), e.g. one review cycle. */
    after: z.string().datetime().optional(),
    until: z.string().datetime().optional(),
  })
  .refine((q) => Boolean(q.plan) !== Boolean(q.commitment), { message: 'give either plan or commitment' });
