/**
 * Shapes of the public site, public comments and their moderation, cross-links between
 * commitments and the timeline: limits and zod bodies the server validates with,
 * response types the client reads.
 */
import { z } from 'zod';
import type { AffiliationKind } from './auth.js';
import type { Bilingual, CommitmentJSON, CommitmentStatus, MilestoneDue, MilestoneStatus, PlanJSON } from '../schema/index.js';

/** Limits of a public comment, counted in characters (code points), not bytes. */
export const PUBLIC_COMMENT_LIMITS = {
  name: 80,
  email: 254,
  text: 2000,
  /** A working group's answer may be longer than the comment it answers. */
  response: 5000,
  /** At most this many comments per address per window (a flood gets 429). */
  perAddress: 5,
  windowMs: 10 * 60_000,
  /** A form sent sooner than this after it was shown was not filled in by a person. */
  minFormMs: 2000,
  /** A form token older than this is refused: reload the page. */
  maxFormMs: 6 * 3600_000,
} as const;

/** A cross-link's note ("see how #3 ran its workshops"). */
export const LINK_NOTE_MAX = 300;

/** Length in characters as people count them (an emoji is one). */
export const charCount = (s: string): number => [...s].length;

export const PUBLIC_COMMENT_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type PublicCommentStatus = (typeof PUBLIC_COMMENT_STATUSES)[number];

/** `POST /api/public/commitments/:id/comments`. Checked by hand on the server for clear, per-field messages. */
export interface PublicCommentBody {
  name: string;
  email?: string;
  text: string;
  /** A milestone of the published commitment, or absent for the commitment as a whole. */
  milestoneId?: string;
  /** The form token from the page (`formToken`), proving the form was shown a moment ago. */
  token: string;
  /** Honeypot: invisible to people, filled in by bots. Must be empty. */
  website?: string;
}

export const moderateBody = z.object({ decision: z.enum(['approve', 'reject']) });
export const responseBody = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'write the response')
    // Counted as people count characters, like the comment it answers.
    .refine((s) => charCount(s) <= PUBLIC_COMMENT_LIMITS.response, `at most ${PUBLIC_COMMENT_LIMITS.response} characters`),
});
export const linkBody = z.object({
  to: z.string().regex(/^c-[a-z0-9][a-z0-9-]{0,62}$/, 'the id of a commitment, like c-03-privacy'),
  note: z.string().trim().max(LINK_NOTE_MAX, `at most ${LINK_NOTE_MAX} characters`).default(''),
});

/** The published version a public page shows. */
export interface PublishedVersion {
  cycleId: string;
  label: string;
  meetingDate: string;
  /** ISO times. */
  snapshotAt: string;
  publishedAt: string;
}

/** The answer of the working group under a public comment. */
export interface PublicResponse {
  text: string;
  by: { name: string; affiliation: AffiliationKind | string };
  at: string;
}

/** A public comment as the public page shows it (approved ones only; never the e-mail). */
export interface PublicCommentView {
  id: string;
  commitmentId: string;
  milestoneId: string | null;
  name: string;
  text: string;
  createdAt: string;
  response: PublicResponse | null;
}

/** A public comment as the moderation queue shows it. */
export interface ModerationItem extends PublicCommentView {
  planId: string;
  status: PublicCommentStatus;
  /** Only for those who may moderate it (the person's contact is not for every reader). */
  email: string | null;
  cycleId: string;
  commitmentNumber: string;
  commitmentTitle: Bilingual;
  /** The milestone's text (live) when the comment is about one. */
  milestoneText: Bilingual | null;
  moderatedBy: { name: string } | null;
  moderatedAt: string | null;
  /** May this person approve, reject and answer it (coordinator or a writer of the commitment). */
  canModerate: boolean;
}

export interface ModerationResponse { comments: ModerationItem[] }

/** One side of a cross-link: the other commitment. */
export interface LinkView {
  id: string;
  number: string;
  title: Bilingual;
  note: string;
  createdBy: { name: string };
  createdAt: string;
}

export interface LinksResponse { outgoing: LinkView[]; incoming: LinkView[] }

/** One dated entry of the timeline. `date` is `YYYY-MM-DD`; items come sorted by it. */
export type TimelineItem =
  | { kind: 'meeting'; date: string; cycleId: string; label: string; snapshotAt: string | null; published: boolean }
  | { kind: 'snapshot'; date: string; cycleId: string; label: string; takenAt: string; published: boolean }
  | {
      kind: 'milestone';
      date: string;
      commitmentId: string;
      commitmentNumber: string;
      commitmentTitle: Bilingual;
      milestoneId: string;
      text: Bilingual;
      status: MilestoneStatus;
    };

export interface TimelineResponse {
  planId: string;
  periodStart: string;
  periodEnd: string;
  items: TimelineItem[];
  /** The cycle whose snapshot the public site shows, if any. */
  publishedCycleId: string | null;
}

/** A commitment's line on the public plan page. */
export interface PublicCommitmentSummary {
  id: string;
  number: string;
  title: Bilingual;
  domainId: string;
  leadAgency: { zh: string; en: string };
  status: CommitmentStatus;
  approvedComments: number;
  /** Due date and status of each published milestone: the progress the public sees is the published one. */
  milestones: MilestoneDue[];
}

export interface PublicPlanSummary {
  id: string;
  title: Bilingual;
  periodStart: string;
  periodEnd: string;
  version: PublishedVersion;
}

export interface PublicPlansResponse { plans: PublicPlanSummary[] }

export interface PublicPlanResponse {
  plan: PlanJSON;
  version: PublishedVersion;
  commitments: PublicCommitmentSummary[];
  timeline: TimelineItem[];
}

/** The published commitment (its `enBasis` bookkeeping removed) with what the public page shows around it. */
export interface PublicCommitmentResponse {
  commitment: Omit<CommitmentJSON, 'enBasis'>;
  plan: { id: string; title: Bilingual };
  domain: { id: string; name: Bilingual } | null;
  version: PublishedVersion;
  /** Field paths whose English is older than the Chinese (shown as "translation being updated"). */
  englishOutdated: string[];
  comments: PublicCommentView[];
  links: LinksResponse;
  timeline: TimelineItem[];
  /** Civil society's suggestions accepted into this version (decided before its snapshot). */
  acceptedSuggestions: PublicAcceptedSuggestion[];
  /** Sign of when the page was served, sent back with a comment. */
  formToken: string;
}

/** An accepted civil-society suggestion as the public page lists it. */
export interface PublicAcceptedSuggestion {
  field: string;
  lang: string;
  /** The proposed text, plain. */
  text: string;
  by: { name: string; affiliation: string };
  acceptedAt: string;
}

export interface PublicCommentAccepted {
  comment: { id: string; status: 'pending' };
  message: string;
}

export interface PersonView {
  id: string;
  name: string;
  affiliation: { kind: AffiliationKind; name: string };
}

export interface PeopleResponse { people: PersonView[] }

export interface PublicationView {
  planId: string;
  cycleId: string;
  publishedAt: string;
  publishedBy: { name: string };
}
