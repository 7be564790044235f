/**
 * What the review-cycle, snapshot, comparison and contribution endpoints answer: the server
 * builds these (server/versions, server/contributions) and the client reads them; and the
 * body of a new review cycle, which the server validates and the client sends.
 */
import { z } from 'zod';
import type { CommitmentDiff, DiffSummary } from '../diff/index.js';
import type { Bilingual } from '../schema/index.js';

/** A review cycle (one review meeting). */
export interface CycleView {
  id: string;
  planId: string;
  label: string;
  meetingDate: string;
  notes: string;
  /** The English label and notes; '' while not written (readers then see the Chinese). */
  labelEn: string;
  notesEn: string;
  createdBy: { name: string; affiliation: string };
  createdAt: string;
  snapshotAt: string | null;
  /** `cycle:<id>` */
  ref: string;
}

/** A snapshot (times as ISO strings, with a human label). */
export interface SnapshotView {
  id: string;
  kind: 'cycle' | 'checkpoint';
  cycleId: string | null;
  docName: string;
  label: string;
  reason: string;
  seq: number;
  hash: string;
  takenAt: string;
  takenBy: { userId: string; name: string; affiliation: string };
  /** `snapshot:<id>` */
  ref: string;
}

/** A version as a comparison shows it. */
export interface VersionView {
  ref: string;
  label: string;
  seq: number;
  takenAt: string;
  snapshotId: string | null;
}

/** How many changes each person and each affiliation kind made (a change with two authors counts for both). */
export interface AuthorCounts {
  byAuthor: Array<{ userId: string; name: string; affiliation: string; changes: number }>;
  /** Keyed by affiliation kind: agency, civil_society, system… */
  byAffiliation: Record<string, number>;
  /** Changes no logged update could be tied to. */
  unattributed: number;
}

export type ChangeSummary = DiffSummary & AuthorCounts;

export interface CommitmentComparison {
  commitmentId: string;
  from: VersionView;
  to: VersionView;
  diff: CommitmentDiff;
  summary: ChangeSummary;
  /** True when authors may be imprecise (see `notes`). */
  approximate: boolean;
  notes: string[];
}

/** A commitment named in a plan comparison. */
export interface CommitmentBrief {
  id: string;
  number: string;
  title: Bilingual;
}

export interface PlanComparison {
  planId: string;
  from: VersionView;
  to: VersionView;
  /** Commitments that changed, in plan order, each with its diff and summary. */
  commitments: Array<{ commitmentId: string; number: string; title: Bilingual; diff: CommitmentDiff; summary: ChangeSummary; approximate: boolean }>;
  unchanged: string[];
  added: CommitmentBrief[];
  removed: CommitmentBrief[];
  /** Counts over every changed commitment. */
  totals: AuthorCounts & { changedCommitments: number; changes: number };
  approximate: boolean;
  notes: string[];
}

/** Characters added and removed, milestone rows written and updates, over a range of the log. */
export interface Tally {
  charsAdded: number;
  charsRemoved: number;
  milestonesAdded: number;
  updates: number;
}

export interface PersonTally extends Tally {
  userId: string;
  name: string;
  affiliation: string;
}

export interface Contributions {
  fromSeq: number;
  toSeq: number;
  byPerson: PersonTally[];
  /** Keyed by affiliation kind: agency, civil_society, system. */
  byAffiliation: Record<string, Tally>;
  total: Tally;
}

/** `POST /api/plans/:planId/cycles` */
export const createCycleBody = z.object({
  label: z.string().trim().min(1, 'name the meeting, e.g. 第3次推動小組會議').max(200),
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2021-04-30').refine((d) => !Number.isNaN(Date.parse(d)), 'not a real date'),
  notes: z.string().max(20_000).default(''),
  labelEn: z.string().trim().max(200).default(''),
  notesEn: z.string().max(20_000).default(''),
});
