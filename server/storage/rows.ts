/**
 * Row → record conversion both adapters share (public comments: publicRows.ts; audit entries:
 * auditRows.ts). Every number goes through Number(): PostgreSQL returns BIGINT as a string
 * (it may exceed 2^53; our seqs and epoch ms do not), SQLite returns a number already.
 */
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Account, Invitation } from './accounts.js';
import type { ClientOwner, DocEvent, DocRecord, LoggedUpdate, UpdateAuthor } from './docs.js';
import type { LedgerTally, LedgerTotal } from './ledger.js';
import type { CommitmentLink, Publication } from './public.js';
import type { ReviewCycle, Snapshot, SnapshotInfo } from './versions.js';

type Num = number | string;
type NullableNum = Num | null;

export const num = (v: unknown): number => Number(v);
const numOrNull = (v: NullableNum): number | null => (v === null ? null : Number(v));

/** A BLOB / BYTEA as the Uint8Array over the same memory (no copy). */
export const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The author columns most tables carry: user_id, user_name, affiliation. */
export interface AuthorColumns { user_id: string; user_name: string; affiliation: string }
export const authorOf = (r: AuthorColumns): UpdateAuthor => ({ userId: r.user_id, name: r.user_name, affiliation: r.affiliation });

// ---- documents and their log ---------------------------------------------------------------

export interface DocRow { name: string; kind: DocKind; plan_id: string; created_at: string; updated_at: string }
export const DOC_COLUMNS = 'name, kind, plan_id, created_at, updated_at';
export const docFromRow = (r: DocRow): DocRecord => ({ name: r.name, kind: r.kind, planId: r.plan_id, createdAt: r.created_at, updatedAt: r.updated_at });

export interface UpdateAuditRow extends AuthorColumns { seq: Num; received_at: Num; size: Num }
export const updateAuditFromRow = (r: UpdateAuditRow) => ({ seq: num(r.seq), author: authorOf(r), receivedAt: num(r.received_at), size: num(r.size) });

export interface LoggedUpdateRow extends AuthorColumns { seq: Num; data: Buffer; received_at: Num }
export const loggedUpdateFromRow = (r: LoggedUpdateRow): LoggedUpdate => ({ seq: num(r.seq), update: bytes(r.data), author: authorOf(r), receivedAt: num(r.received_at) });

export interface OwnerRow { client_id: Num; user_id: string }
export const ownerFromRow = (r: OwnerRow): ClientOwner => ({ clientId: num(r.client_id), userId: r.user_id });

export interface EventRow extends AuthorColumns { doc: string; type: string; data: string; at: Num }
export const eventFromRow = (r: EventRow): DocEvent => ({ name: r.doc, type: r.type, data: JSON.parse(r.data), author: authorOf(r), at: num(r.at) });

// ---- review cycles and snapshots -----------------------------------------------------------

export interface CycleRow { id: string; plan_id: string; label: string; label_en: string; meeting_date: string; notes: string; notes_en: string; created_by: string; created_name: string; created_affil: string; created_at: Num; snapshot_at: NullableNum }
export const cycleFromRow = (r: CycleRow): ReviewCycle => ({
  id: r.id, planId: r.plan_id, label: r.label, labelEn: r.label_en, meetingDate: r.meeting_date, notes: r.notes, notesEn: r.notes_en,
  createdBy: { userId: r.created_by, name: r.created_name, affiliation: r.created_affil },
  createdAt: num(r.created_at), snapshotAt: numOrNull(r.snapshot_at),
});

export interface SnapshotRow extends AuthorColumns { id: string; cycle_id: string | null; doc: string; kind: Snapshot['kind']; reason: string; seq: Num; state?: Buffer; json?: string; hash: string; taken_at: Num }
export const SNAPSHOT_INFO_COLUMNS = 'id, cycle_id, doc, kind, reason, seq, hash, taken_at, user_id, user_name, affiliation';
export const snapshotInfoFromRow = (r: SnapshotRow): SnapshotInfo => ({
  id: r.id, cycleId: r.cycle_id, docName: r.doc, kind: r.kind, reason: r.reason, seq: num(r.seq), hash: r.hash,
  takenAt: num(r.taken_at), takenBy: authorOf(r),
});
/** A row read with every column (`SELECT *`). */
export const snapshotFromRow = (r: SnapshotRow): Snapshot => ({ ...snapshotInfoFromRow(r), state: bytes(r.state!), json: r.json! });

// ---- the public site -----------------------------------------------------------------------

export interface PublicationRow extends AuthorColumns { cycle_id: string; plan_id: string; published_at: Num }
export const publicationFromRow = (r: PublicationRow): Publication => ({ cycleId: r.cycle_id, planId: r.plan_id, publishedAt: num(r.published_at), publishedBy: authorOf(r) });

export interface LinkRow extends AuthorColumns { from_id: string; to_id: string; note: string; created_at: Num }
export const linkFromRow = (r: LinkRow): CommitmentLink => ({ from: r.from_id, to: r.to_id, note: r.note, createdAt: num(r.created_at), createdBy: authorOf(r) });

// ---- accounts ------------------------------------------------------------------------------

export interface UserRow { id: string; email: string; name: string; password_hash: string; role: string; affiliation_kind: string; affiliation_id: string; affiliation_name: string; created_at: string; disabled_at: NullableNum }
/** `commitments`: the account's memberships, ordered by commitment id (read apart or aggregated). */
export const accountFromRow = (row: UserRow, commitments: string[]): Account => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role as Account['role'],
  affiliation: { kind: row.affiliation_kind as Account['affiliation']['kind'], id: row.affiliation_id, name: row.affiliation_name },
  commitments,
  createdAt: row.created_at,
  disabledAt: numOrNull(row.disabled_at),
});

export interface InvitationRow { email: string; role: string; affiliation_kind: string; affiliation_id: string; affiliation_name: string; commitments: string; created_by: string; created_at: Num; expires_at: Num; used_at: NullableNum }
export const invitationFromRow = (r: InvitationRow): Invitation => ({
  email: r.email,
  role: r.role as Invitation['role'],
  affiliation: { kind: r.affiliation_kind as Invitation['affiliation']['kind'], id: r.affiliation_id, name: r.affiliation_name },
  commitments: JSON.parse(r.commitments) as string[],
  createdBy: r.created_by,
  createdAt: num(r.created_at),
  expiresAt: num(r.expires_at),
  usedAt: numOrNull(r.used_at),
});

/** The values of an invitation row after its token hash, in the columns' order. */
export const invitationValues = (i: Invitation): unknown[] => [i.email.toLowerCase(), i.role, i.affiliation.kind, i.affiliation.id, i.affiliation.name, JSON.stringify(i.commitments), i.createdBy, i.createdAt, i.expiresAt, i.usedAt];

// ---- contribution ledger -------------------------------------------------------------------

export interface TallyColumns { chars_added: Num; chars_removed: Num; milestones_added: Num; updates: Num }
export const tallyOf = (r: TallyColumns): LedgerTally => ({
  charsAdded: num(r.chars_added), charsRemoved: num(r.chars_removed), milestonesAdded: num(r.milestones_added), updates: num(r.updates),
});
export const ledgerTotalFromRow = (r: AuthorColumns & TallyColumns): LedgerTotal => ({ author: authorOf(r), tally: tallyOf(r) });
