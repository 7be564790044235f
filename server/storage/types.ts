/**
 * The storage contract every adapter (SQLite, PostgreSQL) implements and
 * `test/storage/contract.ts` checks. Documents are an append-only log of Yjs updates plus one
 * compacted state; each logged update carries who sent it and when (the audit record).
 */
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Account, AccountPatch, Invitation, NewUser, User } from '../auth/types.js';

export interface DocRecord {
  name: string;
  kind: DocKind;
  /** The plan a commitment belongs to ('' for a plan itself). */
  planId: string;
  createdAt: string;
  updatedAt: string;
}

/** Who sent an update: taken from the server's own session, never from the client. */
export interface UpdateAuthor {
  userId: string;
  name: string;
  affiliation: string;
}

export interface UpdateToAppend {
  update: Uint8Array;
  author: UpdateAuthor;
  /** Epoch milliseconds when the server received it. */
  receivedAt: number;
  /** Yjs client ids this update is the first to write with, and whose they are: bound in the same transaction. */
  claims?: ClientOwner[];
}

/** A Yjs client id of a document and the person it belongs to. */
export interface ClientOwner {
  clientId: number;
  userId: string;
}

export interface LoggedUpdate extends UpdateToAppend {
  seq: number;
}

export interface LoadedDoc {
  /** The compacted state (merged updates up to `compactedSeq`), or null when never compacted. */
  state: Uint8Array | null;
  compactedSeq: number;
  /** Updates appended after the compacted state, in order. */
  updates: Uint8Array[];
  /** Sequence number of the last update (0 when none). */
  lastSeq: number;
  /** Who each client id written with belongs to (absent from stores read by older code). */
  clientOwners?: ClientOwner[];
}

/** A named record about a document's life that is not a Yjs update (e.g. a lead-agency move). */
export interface DocEvent {
  name: string;
  type: string;
  data: Record<string, unknown>;
  author: UpdateAuthor;
  at: number;
}

/** Updates for one document, for `appendMany`. */
export interface DocAppend {
  name: string;
  updates: UpdateToAppend[];
}

export interface DocStore {
  /** Which engine this is, for health and logs. */
  readonly kind: 'sqlite' | 'postgres';
  /** Creates the document row if missing; returns the record. */
  createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord>;
  getDocument(name: string): Promise<DocRecord | null>;
  listDocuments(filter?: { kind?: DocKind; planId?: string }): Promise<DocRecord[]>;
  /** Appends updates in one transaction, all or nothing; returns the seq of the last one. */
  appendUpdates(name: string, updates: UpdateToAppend[]): Promise<number>;
  /**
   * Appends to several documents (each named once) in one transaction, all or nothing;
   * returns each one's last seq, in order. The sync server's group commit: one durable write
   * for everything received in a moment. SQLite answers synchronously (no promise on the
   * hot path).
   */
  appendMany(writes: DocAppend[]): number[] | Promise<number[]>;
  /**
   * Present when `appendMany` may return before its write is safe from power loss (SQLite with
   * a deferred fsync): resolves once everything appended before the call is. Without it, what
   * `appendMany` returned is as durable as the store is set to be.
   */
  readonly syncLog?: () => Promise<void>;
  loadDocument(name: string): Promise<LoadedDoc>;
  /**
   * Replaces the log up to and including `upToSeq` by `state` (which must contain every one
   * of those updates). Updates after `upToSeq` stay. The audit record of every update is kept.
   */
  compact(name: string, state: Uint8Array, upToSeq: number): Promise<void>;
  /** Number of updates logged after the compacted state. */
  pendingUpdateCount(name: string): Promise<number>;
  /** The audit record: every update with author and time, optionally from a seq on. */
  listUpdateAudit(name: string, fromSeq?: number): Promise<Array<{ seq: number; author: UpdateAuthor; receivedAt: number; size: number }>>;
  appendEvent(event: DocEvent): Promise<void>;
  listEvents(name: string): Promise<DocEvent[]>;
  /** True when the store answers; for health checks. */
  /**
   * Checks the stored data's integrity ('ok' or what is wrong), cheaply enough to run every
   * few minutes; absent where the database checks itself (PostgreSQL).
   */
  integrityCheck?(): Promise<string>;
  ping(): Promise<boolean>;
  /**
   * This store's identity, made when it was created. A backup restored elsewhere keeps it; a
   * store created anew gets another, which tells clients not to merge old copies blindly.
   */
  storeId(): Promise<string>;
  close(): Promise<void>;
}

/** Accounts, sessions, invitations and memberships. Tokens are stored only as hashes. */
export interface AccountStore {
  createUser(user: NewUser): Promise<User>;
  getUserById(id: string): Promise<User | null>;
  /** The account with its password hash, disabled or not (sign-in refuses a disabled one). */
  getUserByEmail(email: string): Promise<(Account & { passwordHash: string }) | null>;
  listUsers(): Promise<Account[]>;
  /** Changes the fields given; false when there is no such account. */
  updateAccount(userId: string, patch: AccountPatch): Promise<boolean>;
  /** Deletes every session of the person (a disabled account, a new password); returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Deletes the person's sessions but `keepTokenHash`; returns the hashes deleted (their sockets are then closed). */
  deleteUserSessionsExcept(userId: string, keepTokenHash: string): Promise<string[]>;
  /** Stores a password-reset link's token hash (single use, until `expiresAt`). */
  createPasswordReset(tokenHash: string, userId: string, createdAt: number, expiresAt: number): Promise<void>;
  /** Uses the link once: its account's id, or null when unknown, used or expired (checked atomically). */
  usePasswordReset(tokenHash: string, now: number): Promise<string | null>;
  setMemberships(userId: string, commitmentIds: string[]): Promise<void>;
  createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void>;
  /** The session's user, or null when unknown, expired or its account is disabled. */
  getSessionUser(tokenHash: string, now: number): Promise<User | null>;
  /** The session's user and when it expires (epoch ms), or null when unknown or expired. */
  getSession(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number } | null>;
  /** Which of these sessions still exist, have not expired and belong to an enabled account (any number of hashes). */
  liveSessions(tokenHashes: readonly string[], now: number): Promise<Set<string>>;
  deleteSession(tokenHash: string): Promise<void>;
  createInvitation(tokenHash: string, invitation: Invitation): Promise<void>;
  getInvitation(tokenHash: string): Promise<Invitation | null>;
  /** Marks it used; false when it was already used (single use, checked atomically). */
  useInvitation(tokenHash: string, now: number): Promise<boolean>;
}

/** A review meeting of a plan. Its snapshot is taken at most once. */
export interface ReviewCycle {
  id: string;
  planId: string;
  label: string;
  /** YYYY-MM-DD. */
  meetingDate: string;
  /** Free text or a link to the minutes. */
  notes: string;
  /** The English label and notes; '' while not written (readers then see the Chinese). */
  labelEn: string;
  notesEn: string;
  createdBy: UpdateAuthor;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds when its snapshot was taken, or null while none. */
  snapshotAt: number | null;
}

/** A frozen version of one document: a review cycle's snapshot or an automatic checkpoint. */
export interface Snapshot {
  /** Chosen by the caller (unique). */
  id: string;
  /** The review cycle it belongs to, or null for a checkpoint. */
  cycleId: string | null;
  docName: string;
  kind: 'cycle' | 'checkpoint';
  /** Why a checkpoint was taken ('daily', 'bulk: …'); '' for a cycle's snapshot. */
  reason: string;
  /** The doc's lastSeq the state corresponds to: the state contains exactly updates 1..seq. */
  seq: number;
  /** Y.encodeStateAsUpdate of the document at `seq`. */
  state: Uint8Array;
  /** Canonical JSON of the structured rendering (stable key order). */
  json: string;
  /** SHA-256 hex of `json`. */
  hash: string;
  /** Epoch milliseconds. */
  takenAt: number;
  takenBy: UpdateAuthor;
}

/** A snapshot without its bytes, for listings. */
export type SnapshotInfo = Omit<Snapshot, 'state' | 'json'>;

/**
 * Review cycles and immutable snapshots. Snapshots are never updated or deleted: adapters
 * enforce it in the database itself (triggers / rules), not only by offering no method.
 */
export interface VersionStore {
  createCycle(cycle: ReviewCycle): Promise<void>;
  getCycle(id: string): Promise<ReviewCycle | null>;
  /** The plan's cycles, oldest meeting first. */
  listCycles(planId: string): Promise<ReviewCycle[]>;
  /**
   * In one transaction: marks the cycle snapshotted at `takenAt` and inserts the snapshots.
   * False (and nothing written) when the cycle is unknown or its snapshot was already taken.
   */
  addCycleSnapshots(cycleId: string, takenAt: number, snapshots: Snapshot[]): Promise<boolean>;
  /** Inserts a checkpoint (a snapshot with cycleId null). */
  addSnapshot(snapshot: Snapshot): Promise<void>;
  getSnapshot(id: string): Promise<Snapshot | null>;
  /** Snapshots matching the filter, newest first (takenAt, then seq). */
  listSnapshots(filter: { cycleId?: string; docName?: string }): Promise<SnapshotInfo[]>;
  /** The logged updates with bytes and authors, seq in (fromSeq, toSeq], in order (compaction keeps them). */
  loadUpdateRange(name: string, fromSeq: number, toSeq: number): Promise<LoggedUpdate[]>;
}

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

/** What one update added and removed (the contribution ledger's measure). */
export interface LedgerTally {
  charsAdded: number;
  charsRemoved: number;
  milestonesAdded: number;
  updates: number;
}

/** One measured update of the contribution ledger. */
export interface LedgerEntry {
  seq: number;
  author: UpdateAuthor;
  tally: LedgerTally;
}

/** A person's running totals (per affiliation they wrote as) through some seq. */
export interface LedgerTotal {
  author: UpdateAuthor;
  tally: LedgerTally;
}

/**
 * The contribution ledger: every logged update measured once, with running totals per
 * person, so contribution figures cost a lookup per person instead of a replay of the log.
 */
export interface ContributionStore {
  /**
   * Where a document's ledger stands: updates up to `seq` are measured, `lastSeq` is the
   * log's last update; with `withState`, `state` is the document as of `seq` (null before
   * the first; always null without it, which spares reading it when nothing is new).
   */
  contributionLedger(name: string, withState?: boolean): Promise<{ seq: number; state: Uint8Array | null; lastSeq: number }>;
  /**
   * Records the measured updates (fromSeq, toSeq] (in seq order) and the state as of toSeq,
   * in one transaction; false, and nothing written, when the ledger is no longer at fromSeq
   * (another process measured them first).
   */
  advanceContributionLedger(name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): Promise<boolean>;
  /** Every person and affiliation's running totals through `seq` (0 for none), with the name of their last update. */
  contributionTotalsAt(name: string, seq: number): Promise<LedgerTotal[]>;
}


/** An agency of the directory the coordinator keeps: its id is what rights and accounts name. */
export interface AgencyRecord {
  id: string;
  zh: string;
  en: string;
}

/** Who may write a commitment besides the coordinator: its lead agency and co-implementing agencies. */
export interface RightsRecord {
  commitmentId: string;
  leadAgencyId: string;
  /** In the order they are shown. */
  coAgencyIds: string[];
  /** Grows by one with every change (1 when the rows are created). */
  version: number;
}

/**
 * The agency directory and each commitment's rights (who may write it). Rights change only
 * through the rights service, each change recorded in the commitment's history in the same
 * transaction.
 */
export interface RightsStore {
  /** Adds the agencies the directory does not hold yet; those it holds keep their names. Returns how many were added. */
  addAgencies(agencies: AgencyRecord[]): Promise<number>;
  /** The directory, ordered by id. */
  listAgencies(): Promise<AgencyRecord[]>;
  /** Gives a known agency new names (a renamed ministry keeps its id, so its rights); false when unknown. */
  renameAgency(agency: AgencyRecord): Promise<boolean>;
  /** The commitments whose rights name the agency (as lead or co-implementing), by id. */
  commitmentsNaming(agencyId: string): Promise<string[]>;
  /** The commitment's rights, or null when it has no rows yet (a document from before the directory). */
  getRights(commitmentId: string): Promise<RightsRecord | null>;
  /**
   * Creates a commitment's rows (version 1) unless it has some; true when created. The
   * agencies must be in the directory and the commitment a stored document.
   */
  initRights(rights: Omit<RightsRecord, 'version'>): Promise<boolean>;
  /**
   * Replaces the rows when they are still at `expectedVersion`, and appends `event` to the
   * commitment's history, in one transaction. Returns the new version, or null (nothing
   * written) when another change came first.
   */
  setRights(rights: Omit<RightsRecord, 'version'>, expectedVersion: number, event: DocEvent): Promise<number | null>;
}

/** One entry of the audit trail, as stored. */
export interface AuditEntry {
  /** Increasing in the order entries were stored. */
  id: number;
  /** Epoch milliseconds. */
  at: number;
  actor: UpdateAuthor;
  action: string;
  target: string;
  details: Record<string, unknown>;
  /** The request's address ('' for the command line). */
  address: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AuditFilter {
  /** An actor's user id or name, exactly. */
  actor?: string;
  action?: string;
  target?: string;
  /** At or after (epoch ms). */
  from?: number;
  /** Before (epoch ms). */
  to?: number;
  /** Ids below this one (paging). */
  before?: number;
  limit: number;
}

/**
 * The audit trail: append-only. Adapters make the database refuse UPDATE and DELETE (and
 * TRUNCATE), as for snapshots.
 */
export interface AuditStore {
  appendAudit(entry: NewAuditEntry): Promise<number>;
  /** Matching entries, newest first, at most `limit`. */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
}

/** Everything the server keeps; each adapter implements all of it. */
export type Store = DocStore & AccountStore & VersionStore & PublicStore & ContributionStore & RightsStore & AuditStore;
