/**
 * Response shapes of the versions, contributions and export APIs as the client reads them.
 * MIRROR of server/versions (cycles.ts, snapshots.ts, compare.ts) and server/contributions:
 * the client may not import server/, so these belong in shared/protocol — requested from the lead.
 */
import type { CommitmentDiff } from '../../shared/diff/index.js';
import type { Bilingual } from '../../shared/schema/index.js';

export interface CycleView {
  id: string;
  planId: string;
  label: string;
  meetingDate: string;
  notes: string;
  createdBy: { name: string; affiliation: string };
  createdAt: string;
  snapshotAt: string | null;
  /** `cycle:<id>` */
  ref: string;
}

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

export interface VersionView {
  ref: string;
  label: string;
  seq: number;
  takenAt: string;
  snapshotId: string | null;
}

export interface AuthorCounts {
  byAuthor: Array<{ userId: string; name: string; affiliation: string; changes: number }>;
  byAffiliation: Record<string, number>;
  unattributed: number;
}

export interface CommitmentComparison {
  commitmentId: string;
  from: VersionView;
  to: VersionView;
  diff: CommitmentDiff;
  summary: AuthorCounts & { total: number };
  approximate: boolean;
  notes: string[];
}

export interface PlanComparison {
  planId: string;
  from: VersionView;
  to: VersionView;
  commitments: Array<{ commitmentId: string; number: string; title: Bilingual; diff: CommitmentDiff; summary: AuthorCounts & { total: number }; approximate: boolean }>;
  unchanged: string[];
  added: Array<{ id: string; number: string; title: Bilingual }>;
  removed: Array<{ id: string; number: string; title: Bilingual }>;
  totals: AuthorCounts & { changedCommitments: number; changes: number };
  approximate: boolean;
  notes: string[];
}

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
  byAffiliation: Record<string, Tally>;
  total: Tally;
}
