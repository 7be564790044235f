/** The contract of the public site's rows: publications, public comments, cross-links, server secrets. */
import type { UpdateAuthor } from './docs.js';

/** A review cycle's snapshot made public; publishing again moves it to the top. */
export interface Publication {
  cycleId: string;
  planId: string;
  /** Epoch milliseconds. */
  publishedAt: number;
  publishedBy: UpdateAuthor;
}

export type PublicCommentStatus = 'pending' | 'approved' | 'rejected';

/** A comment from the public on a published commitment (or one of its milestones). */
export interface PublicComment {
  id: string;
  planId: string;
  commitmentId: string;
  milestoneId: string | null;
  /** The published review cycle the visitor read. */
  cycleId: string;
  name: string;
  email: string | null;
  text: string;
  status: PublicCommentStatus;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Keyed hash of the sender's address: enough to limit floods, not enough to find them. */
  ipHash: string;
  moderatedBy: UpdateAuthor | null;
  moderatedAt: number | null;
  response: { text: string; by: UpdateAuthor; at: number } | null;
}

/** "See how #3 did it": a directed link between two commitments. */
export interface CommitmentLink {
  from: string;
  to: string;
  note: string;
  createdAt: number;
  createdBy: UpdateAuthor;
}

/** Publications, public comments, cross-links and the server's own secrets. */
export interface PublicStore {
  /** Inserts, or moves an existing publication of the cycle to `publishedAt`. */
  publishCycle(p: Publication): Promise<void>;
  /** A plan's publications, most recently published first. */
  listPublications(planId: string): Promise<Publication[]>;
  addPublicComment(c: PublicComment): Promise<void>;
  getPublicComment(id: string): Promise<PublicComment | null>;
  /** Matching comments, oldest first. */
  listPublicComments(filter: { planId?: string; commitmentId?: string; status?: PublicCommentStatus }): Promise<PublicComment[]>;
  /** Comments stored from `ipHash` at or after `since` (the flood limit). */
  countRecentPublicComments(ipHash: string, since: number): Promise<number>;
  /** False when the comment does not exist. */
  moderatePublicComment(id: string, status: PublicCommentStatus, by: UpdateAuthor, at: number): Promise<boolean>;
  /** Sets or replaces the working group's response; false when the comment does not exist. */
  respondToPublicComment(id: string, text: string, by: UpdateAuthor, at: number): Promise<boolean>;
  /** Adds the link, or replaces its note; true when it is new. */
  addLink(link: CommitmentLink): Promise<boolean>;
  /** False when there was no such link. */
  removeLink(from: string, to: string): Promise<boolean>;
  /** Links from and to a commitment, oldest first. */
  listLinks(commitmentId: string): Promise<{ outgoing: CommitmentLink[]; incoming: CommitmentLink[] }>;
  /**
   * The secret stored under `name`, or `candidate` stored as it when there is none yet: the
   * first writer wins, so every process of a cluster signs with the same key.
   */
  serverSecret(name: string, candidate: string): Promise<string>;
}
