/**
 * The embedded SQLite store (better-sqlite3): one file, WAL journal. Every append is one
 * transaction that is on disk before the caller relays the update to anyone.
 */
import Database from 'better-sqlite3';
import { closeSync, fsync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Logger } from '../log.js';
import { readMigrations } from './migrations.js';
import { SqliteCheckpointer } from './sqliteCheckpointer.js';
import { quickCheckInThread } from './sqliteIntegrity.js';
import type { Account, AccountPatch, Invitation, NewUser, User } from '../auth/types.js';
import type { AgencyRecord, RightsRecord, RightsStore } from './types.js';
import type { AuditEntry, AuditFilter, NewAuditEntry, CommitmentLink, DocEvent, DocRecord, LoadedDoc, LoggedUpdate, Publication, PublicComment, PublicCommentStatus, ReviewCycle, Snapshot, SnapshotInfo, Store, UpdateAuthor, UpdateToAppend, DocAppend, LedgerEntry, LedgerTotal } from './types.js';
import { auditFromRow, type AuditRow } from './auditRows.js';
import { SqliteLedger } from './sqliteLedger.js';
import { sqliteRights } from './sqliteRights.js';
import { PUBLIC_COMMENT_COLUMNS, publicCommentFromRow, publicCommentValues, type PublicCommentRow } from './publicRows.js';

export interface SqliteOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /**
   * SQLite `synchronous` setting. FULL (default) fsyncs the WAL on every commit: an
   * acknowledged update survives a power loss. NORMAL survives a process crash only.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * With FULL: the update log's transactions (`appendMany`) are written without their fsync
   * and `syncLog` fsyncs the WAL on a thread of libuv's pool, so the event loop never waits
   * for the disk and one fsync covers every commit made while the previous one ran. What
   * `appendMany` returned is then safe from a process crash (it is in the WAL, in the OS's
   * cache) and, once `syncLog` resolves, from power loss. Every other write keeps FULL.
   */
  deferLogSync?: boolean;
  /** Where a failed background checkpoint is reported (default: stderr). */
  logger?: Pick<Logger, 'error'>;
}

/** How often the checkpoint thread folds the WAL into the database. */
const CHECKPOINT_EVERY_MS = 1000;

interface UserRow { id: string; email: string; name: string; password_hash: string; role: string; affiliation_kind: string; affiliation_id: string; affiliation_name: string; created_at: string; disabled_at: number | null }
interface InvitationRow { email: string; role: string; affiliation_kind: string; affiliation_id: string; affiliation_name: string; commitments: string; created_by: string; created_at: number; expires_at: number; used_at: number | null }
interface DocRow { name: string; kind: DocKind; plan_id: string; created_at: string; updated_at: string }
interface CycleRow { id: string; plan_id: string; label: string; label_en: string; meeting_date: string; notes: string; notes_en: string; created_by: string; created_name: string; created_affil: string; created_at: number; snapshot_at: number | null }
interface SnapshotRow { id: string; cycle_id: string | null; doc: string; kind: Snapshot['kind']; reason: string; seq: number; state?: Buffer; json?: string; hash: string; taken_at: number; user_id: string; user_name: string; affiliation: string }

const toRecord = (r: DocRow): DocRecord => ({
  name: r.name, kind: r.kind, planId: r.plan_id, createdAt: r.created_at, updatedAt: r.updated_at,
});

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

const toCycle = (r: CycleRow): ReviewCycle => ({
  id: r.id, planId: r.plan_id, label: r.label, labelEn: r.label_en, meetingDate: r.meeting_date, notes: r.notes, notesEn: r.notes_en,
  createdBy: { userId: r.created_by, name: r.created_name, affiliation: r.created_affil },
  createdAt: r.created_at, snapshotAt: r.snapshot_at,
});

const toSnapshotInfo = (r: SnapshotRow): SnapshotInfo => ({
  id: r.id, cycleId: r.cycle_id, docName: r.doc, kind: r.kind, reason: r.reason, seq: r.seq, hash: r.hash,
  takenAt: r.taken_at, takenBy: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation },
});

const SNAPSHOT_INFO_COLUMNS = 'id, cycle_id, doc, kind, reason, seq, hash, taken_at, user_id, user_name, affiliation';

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly stmt;
  // Made once: better-sqlite3 builds a wrapper (and its BEGIN/COMMIT statements) per call.
  private readonly appendManyTx: (writes: DocAppend[]) => number[];
  private readonly ledger: SqliteLedger;
  /** Started with the first write: a store opened only to read (a backup, a test) has no thread. */
  private checkpointer: SqliteCheckpointer | null = null;
  private readonly rights: RightsStore;
  /** The WAL, opened for its fsync (deferLogSync); SQLite keeps the same file while the store is open. */
  private walFd: number | null = null;
  private readonly deferLogSync: boolean;

  constructor(private readonly options: SqliteOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    // Checkpoints run on a thread of their own (sqliteCheckpointer.ts). The automatic one, on
    // this connection, stays as a safety net at ~40 MB of log rather than SQLite's 4 MB.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    const db = this.db;
    this.deferLogSync = options.deferLogSync === true && (options.synchronous ?? 'FULL') === 'FULL' && options.file !== ':memory:';
    if (this.deferLogSync) this.syncLog = () => this.fsyncWal();
    this.stmt = {
      insertDoc: db.prepare(`INSERT INTO documents (name, kind, plan_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING`),
      getDoc: db.prepare(`SELECT name, kind, plan_id, created_at, updated_at FROM documents WHERE name = ?`),
      lastSeq: db.prepare(`SELECT last_seq, compacted_seq, state FROM documents WHERE name = ?`),
      // Not the state: an append must not read a document's compacted state (hundreds of KB).
      seqOnly: db.prepare(`SELECT last_seq FROM documents WHERE name = ?`),
      insertUpdate: db.prepare(`INSERT INTO updates (doc, seq, data, user_id, user_name, affiliation, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      setLastSeq: db.prepare(`UPDATE documents SET last_seq = ?, updated_at = ? WHERE name = ?`),
      tail: db.prepare(`SELECT data FROM updates WHERE doc = ? AND seq > ? ORDER BY seq`),
      insertOwner: db.prepare(`INSERT OR IGNORE INTO doc_client_owners (doc, client_id, user_id) VALUES (?, ?, ?)`),
      owners: db.prepare(`SELECT client_id, user_id FROM doc_client_owners WHERE doc = ?`),
      compact: db.prepare(`UPDATE documents SET state = ?, compacted_seq = ? WHERE name = ? AND compacted_seq <= ?`),
      pending: db.prepare(`SELECT last_seq - compacted_seq AS n FROM documents WHERE name = ?`),
      audit: db.prepare(`SELECT seq, user_id, user_name, affiliation, received_at, length(data) AS size FROM updates WHERE doc = ? AND seq >= ? ORDER BY seq`),
      insertEvent: db.prepare(`INSERT INTO doc_events (doc, type, data, user_id, user_name, affiliation, at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      events: db.prepare(`SELECT doc, type, data, user_id, user_name, affiliation, at FROM doc_events WHERE doc = ? ORDER BY id`),
      insertCycle: db.prepare(`INSERT INTO review_cycles (id, plan_id, label, meeting_date, notes, created_by, created_name, created_affil, created_at, snapshot_at, label_en, notes_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getCycle: db.prepare(`SELECT * FROM review_cycles WHERE id = ?`),
      listCycles: db.prepare(`SELECT * FROM review_cycles WHERE plan_id = ? ORDER BY meeting_date, created_at, id`),
      markCycle: db.prepare(`UPDATE review_cycles SET snapshot_at = ? WHERE id = ? AND snapshot_at IS NULL`),
      insertSnapshot: db.prepare(`INSERT INTO snapshots (id, cycle_id, doc, kind, reason, seq, state, json, hash, taken_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      getSnapshot: db.prepare(`SELECT * FROM snapshots WHERE id = ?`),
      updateRange: db.prepare(`SELECT seq, data, user_id, user_name, affiliation, received_at FROM updates WHERE doc = ? AND seq > ? AND seq <= ? ORDER BY seq`),
    };
    this.rights = sqliteRights(db);
    this.appendManyTx = db.transaction((writes: DocAppend[]) => writes.map((w) => this.appendTx(w.name, w.updates)));
    this.ledger = new SqliteLedger(db);
  }

  private migrate(): void {
    this.db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const applied = new Set((this.db.prepare(`SELECT version FROM schema_migrations`).all() as Array<{ version: number }>).map((r) => r.version));
    for (const m of readMigrations('sqlite')) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, new Date().toISOString());
      })();
    }
  }

  async createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord> {
    const now = new Date().toISOString();
    this.stmt.insertDoc.run(name, kind, planId, now, now);
    return toRecord(this.stmt.getDoc.get(name) as DocRow);
  }

  async getDocument(name: string): Promise<DocRecord | null> {
    const row = this.stmt.getDoc.get(name) as DocRow | undefined;
    return row ? toRecord(row) : null;
  }

  async listDocuments(filter: { kind?: DocKind; planId?: string } = {}): Promise<DocRecord[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.kind) { where.push('kind = ?'); args.push(filter.kind); }
    if (filter.planId !== undefined) { where.push('plan_id = ?'); args.push(filter.planId); }
    const sql = `SELECT name, kind, plan_id, created_at, updated_at FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name`;
    return (this.db.prepare(sql).all(...args) as DocRow[]).map(toRecord);
  }

  private readonly appendTx = (name: string, updates: UpdateToAppend[]): number => {
    const row = this.stmt.seqOnly.get(name) as { last_seq: number } | undefined;
    if (!row) throw new Error(`unknown document ${name}`);
    if (updates.length === 0) return row.last_seq;
    let seq = row.last_seq;
    for (const u of updates) {
      seq += 1;
      this.stmt.insertUpdate.run(name, seq, u.update, u.author.userId, u.author.name, u.author.affiliation, u.receivedAt);
      if (u.claims) for (const c of u.claims) this.stmt.insertOwner.run(name, c.clientId, c.userId);
    }
    this.stmt.setLastSeq.run(seq, new Date(updates[updates.length - 1]?.receivedAt ?? Date.now()).toISOString(), name);
    return seq;
  };

  async appendUpdates(name: string, updates: UpdateToAppend[]): Promise<number> {
    if (updates.length === 0) return (this.stmt.seqOnly.get(name) as { last_seq: number } | undefined)?.last_seq ?? 0;
    return this.appendMany([{ name, updates }])[0]!;
  }

  /** One transaction, one fsync, for every document's updates (synchronous: see DocStore). */
  appendMany(writes: DocAppend[]): number[] {
    if (new Set(writes.map((w) => w.name)).size !== writes.length) throw new Error('appendMany: a document may appear once');
    if (!this.checkpointer && this.options.file !== ':memory:') this.startCheckpointer();
    if (!this.deferLogSync) return this.appendManyTx(writes);
    // Not prepared once: SQLite applies `synchronous` when the pragma is compiled, so a prepared
    // statement would set it at construction and do nothing when run.
    this.db.exec('PRAGMA synchronous = NORMAL');
    try {
      return this.appendManyTx(writes);
    } finally {
      this.db.exec('PRAGMA synchronous = FULL');
    }
  }

  /**
   * Resolves once every `appendMany` made before the call is safe from power loss: one fsync
   * of the WAL, off the event loop. Present only with `deferLogSync` (otherwise each commit
   * already waited for its own fsync, or NORMAL was chosen and none is wanted).
   */
  readonly syncLog?: () => Promise<void>;

  private fsyncWal(): Promise<void> {
    this.walFd ??= openSync(`${this.options.file}-wal`, 'r');
    const fd = this.walFd;
    return new Promise((resolve, reject) => fsync(fd, (err) => (err ? reject(err) : resolve())));
  }

  async loadDocument(name: string): Promise<LoadedDoc> {
    return this.db.transaction((): LoadedDoc => {
      const row = this.stmt.lastSeq.get(name) as { last_seq: number; compacted_seq: number; state: Buffer | null } | undefined;
      if (!row) throw new Error(`unknown document ${name}`);
      const updates = (this.stmt.tail.all(name, row.compacted_seq) as Array<{ data: Buffer }>).map((r) => bytes(r.data));
      const clientOwners = (this.stmt.owners.all(name) as Array<{ client_id: number; user_id: string }>).map((r) => ({ clientId: r.client_id, userId: r.user_id }));
      return { state: row.state ? bytes(row.state) : null, compactedSeq: row.compacted_seq, updates, lastSeq: row.last_seq, clientOwners };
    })();
  }

  async compact(name: string, state: Uint8Array, upToSeq: number): Promise<void> {
    this.stmt.compact.run(state, upToSeq, name, upToSeq);
  }

  async pendingUpdateCount(name: string): Promise<number> {
    return (this.stmt.pending.get(name) as { n: number } | undefined)?.n ?? 0;
  }

  async listUpdateAudit(name: string, fromSeq = 0) {
    return (this.stmt.audit.all(name, fromSeq) as Array<{ seq: number; user_id: string; user_name: string; affiliation: string; received_at: number; size: number }>).map((r) => ({
      seq: r.seq,
      author: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation },
      receivedAt: r.received_at,
      size: r.size,
    }));
  }

  async appendEvent(e: DocEvent): Promise<void> {
    this.stmt.insertEvent.run(e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at);
  }

  async listEvents(name: string): Promise<DocEvent[]> {
    return (this.stmt.events.all(name) as Array<{ doc: string; type: string; data: string; user_id: string; user_name: string; affiliation: string; at: number }>).map((r) => ({
      name: r.doc, type: r.type, data: JSON.parse(r.data), author: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation }, at: r.at,
    }));
  }

  // ---- review cycles and snapshots --------------------------------------------------------

  async createCycle(c: ReviewCycle): Promise<void> {
    this.stmt.insertCycle.run(c.id, c.planId, c.label, c.meetingDate, c.notes, c.createdBy.userId, c.createdBy.name, c.createdBy.affiliation, c.createdAt, c.snapshotAt, c.labelEn, c.notesEn);
  }

  async getCycle(id: string): Promise<ReviewCycle | null> {
    const row = this.stmt.getCycle.get(id) as CycleRow | undefined;
    return row ? toCycle(row) : null;
  }

  async listCycles(planId: string): Promise<ReviewCycle[]> {
    return (this.stmt.listCycles.all(planId) as CycleRow[]).map(toCycle);
  }

  private insertSnapshot(s: Snapshot): void {
    this.stmt.insertSnapshot.run(s.id, s.cycleId, s.docName, s.kind, s.reason, s.seq, s.state, s.json, s.hash, s.takenAt, s.takenBy.userId, s.takenBy.name, s.takenBy.affiliation);
  }

  async addCycleSnapshots(cycleId: string, takenAt: number, snapshots: Snapshot[]): Promise<boolean> {
    return this.db.transaction((): boolean => {
      // The conditional UPDATE is the once-only check: a concurrent second call changes 0 rows.
      if (this.stmt.markCycle.run(takenAt, cycleId).changes !== 1) return false;
      for (const s of snapshots) this.insertSnapshot(s);
      return true;
    })();
  }

  async addSnapshot(s: Snapshot): Promise<void> {
    this.insertSnapshot(s);
  }

  async getSnapshot(id: string): Promise<Snapshot | null> {
    const r = this.stmt.getSnapshot.get(id) as SnapshotRow | undefined;
    if (!r) return null;
    return { ...toSnapshotInfo(r), state: bytes(r.state!), json: r.json! };
  }

  async listSnapshots(filter: { cycleId?: string; docName?: string }): Promise<SnapshotInfo[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.cycleId !== undefined) { where.push('cycle_id = ?'); args.push(filter.cycleId); }
    if (filter.docName !== undefined) { where.push('doc = ?'); args.push(filter.docName); }
    const sql = `SELECT ${SNAPSHOT_INFO_COLUMNS} FROM snapshots ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY taken_at DESC, seq DESC, id`;
    return (this.db.prepare(sql).all(...args) as SnapshotRow[]).map(toSnapshotInfo);
  }

  async loadUpdateRange(name: string, fromSeq: number, toSeq: number): Promise<LoggedUpdate[]> {
    return (this.stmt.updateRange.all(name, fromSeq, toSeq) as Array<{ seq: number; data: Buffer; user_id: string; user_name: string; affiliation: string; received_at: number }>).map((r) => ({
      seq: r.seq,
      update: bytes(r.data),
      author: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation },
      receivedAt: r.received_at,
    }));
  }

  // ---- contribution ledger (sqliteLedger.ts) ----------------------------------------------

  async contributionLedger(name: string, withState = false): Promise<{ seq: number; state: Uint8Array | null; lastSeq: number }> {
    return this.ledger.get(name, withState);
  }

  async advanceContributionLedger(name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): Promise<boolean> {
    return this.ledger.advance(name, fromSeq, toSeq, state, entries);
  }

  async contributionTotalsAt(name: string, seq: number): Promise<LedgerTotal[]> {
    return this.ledger.totalsAt(name, seq);
  }

  // ---- publications, public comments, cross-links ----------------------------------------

  async publishCycle(p: Publication): Promise<void> {
    this.db
      .prepare(`INSERT INTO publications (cycle_id, plan_id, published_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (cycle_id) DO UPDATE SET published_at = excluded.published_at, user_id = excluded.user_id, user_name = excluded.user_name, affiliation = excluded.affiliation`)
      .run(p.cycleId, p.planId, p.publishedAt, p.publishedBy.userId, p.publishedBy.name, p.publishedBy.affiliation);
  }

  async listPublications(planId: string): Promise<Publication[]> {
    type Row = { cycle_id: string; plan_id: string; published_at: number; user_id: string; user_name: string; affiliation: string };
    const rows = this.db.prepare(`SELECT * FROM publications WHERE plan_id = ? ORDER BY published_at DESC, cycle_id`).all(planId) as Row[];
    return rows.map((r) => ({ cycleId: r.cycle_id, planId: r.plan_id, publishedAt: r.published_at, publishedBy: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation } }));
  }

  async addPublicComment(c: PublicComment): Promise<void> {
    const marks = PUBLIC_COMMENT_COLUMNS.map(() => '?').join(', ');
    this.db.prepare(`INSERT INTO public_comments (${PUBLIC_COMMENT_COLUMNS.join(', ')}) VALUES (${marks})`).run(...publicCommentValues(c));
  }

  async getPublicComment(id: string): Promise<PublicComment | null> {
    const row = this.db.prepare(`SELECT * FROM public_comments WHERE id = ?`).get(id) as PublicCommentRow | undefined;
    return row ? publicCommentFromRow(row) : null;
  }

  async listPublicComments(filter: { planId?: string; commitmentId?: string; status?: PublicCommentStatus }): Promise<PublicComment[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.planId !== undefined) { where.push('plan_id = ?'); args.push(filter.planId); }
    if (filter.commitmentId !== undefined) { where.push('commitment_id = ?'); args.push(filter.commitmentId); }
    if (filter.status !== undefined) { where.push('status = ?'); args.push(filter.status); }
    const sql = `SELECT * FROM public_comments ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id`;
    return (this.db.prepare(sql).all(...args) as PublicCommentRow[]).map(publicCommentFromRow);
  }

  async countRecentPublicComments(ipHash: string, since: number): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM public_comments WHERE ip_hash = ? AND created_at >= ?`).get(ipHash, since) as { n: number }).n;
  }

  async moderatePublicComment(id: string, status: PublicCommentStatus, by: UpdateAuthor, at: number): Promise<boolean> {
    return this.db
      .prepare(`UPDATE public_comments SET status = ?, moderated_by = ?, moderated_name = ?, moderated_affil = ?, moderated_at = ? WHERE id = ?`)
      .run(status, by.userId, by.name, by.affiliation, at, id).changes === 1;
  }

  async respondToPublicComment(id: string, text: string, by: UpdateAuthor, at: number): Promise<boolean> {
    return this.db
      .prepare(`UPDATE public_comments SET response = ?, responded_by = ?, responded_name = ?, responded_affil = ?, responded_at = ? WHERE id = ?`)
      .run(text, by.userId, by.name, by.affiliation, at, id).changes === 1;
  }

  async addLink(l: CommitmentLink): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const existed = this.db.prepare(`SELECT 1 FROM commitment_links WHERE from_id = ? AND to_id = ?`).get(l.from, l.to) !== undefined;
      this.db
        .prepare(`INSERT INTO commitment_links (from_id, to_id, note, created_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (from_id, to_id) DO UPDATE SET note = excluded.note`)
        .run(l.from, l.to, l.note, l.createdAt, l.createdBy.userId, l.createdBy.name, l.createdBy.affiliation);
      return !existed;
    })();
  }

  async removeLink(from: string, to: string): Promise<boolean> {
    return this.db.prepare(`DELETE FROM commitment_links WHERE from_id = ? AND to_id = ?`).run(from, to).changes === 1;
  }

  async listLinks(commitmentId: string): Promise<{ outgoing: CommitmentLink[]; incoming: CommitmentLink[] }> {
    type LinkRow = { from_id: string; to_id: string; note: string; created_at: number; user_id: string; user_name: string; affiliation: string };
    const toLink = (r: LinkRow): CommitmentLink => ({ from: r.from_id, to: r.to_id, note: r.note, createdAt: r.created_at, createdBy: { userId: r.user_id, name: r.user_name, affiliation: r.affiliation } });
    const sql = (col: string) => `SELECT * FROM commitment_links WHERE ${col} = ? ORDER BY created_at, from_id, to_id`;
    return {
      outgoing: (this.db.prepare(sql('from_id')).all(commitmentId) as LinkRow[]).map(toLink),
      incoming: (this.db.prepare(sql('to_id')).all(commitmentId) as LinkRow[]).map(toLink),
    };
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    this.db.prepare(`INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`).run(name, candidate);
    return (this.db.prepare(`SELECT value FROM server_secrets WHERE name = ?`).get(name) as { value: string }).value;
  }

  // ---- agency directory and commitment rights ---------------------------------------------

  addAgencies(agencies: AgencyRecord[]): Promise<number> {
    return this.rights.addAgencies(agencies);
  }

  listAgencies(): Promise<AgencyRecord[]> {
    return this.rights.listAgencies();
  }

  renameAgency(agency: AgencyRecord): Promise<boolean> {
    return this.rights.renameAgency(agency);
  }

  commitmentsNaming(agencyId: string): Promise<string[]> {
    return this.rights.commitmentsNaming(agencyId);
  }

  getRights(commitmentId: string): Promise<RightsRecord | null> {
    return this.rights.getRights(commitmentId);
  }

  initRights(rights: Omit<RightsRecord, 'version'>): Promise<boolean> {
    return this.rights.initRights(rights);
  }

  setRights(rights: Omit<RightsRecord, 'version'>, expectedVersion: number, event: DocEvent): Promise<number | null> {
    return this.rights.setRights(rights, expectedVersion, event);
  }

  // ---- accounts ---------------------------------------------------------------------------

  private userFrom(row: UserRow | undefined): Account | null {
    if (!row) return null;
    const commitments = (this.db.prepare(`SELECT commitment_id FROM memberships WHERE user_id = ? ORDER BY commitment_id`).pluck().all(row.id) as string[]);
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role as User['role'],
      affiliation: { kind: row.affiliation_kind as User['affiliation']['kind'], id: row.affiliation_id, name: row.affiliation_name },
      commitments,
      createdAt: row.created_at,
      disabledAt: row.disabled_at,
    };
  }

  async createUser(u: NewUser): Promise<User> {
    const id = 'u-' + randomUUID();
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO users (id, email, name, password_hash, role, affiliation_kind, affiliation_id, affiliation_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(id, u.email.toLowerCase(), u.name, u.passwordHash, u.role, u.affiliation.kind, u.affiliation.id, u.affiliation.name, new Date().toISOString());
      for (const c of u.commitments ?? []) this.db.prepare(`INSERT INTO memberships (user_id, commitment_id) VALUES (?, ?)`).run(id, c);
    })();
    return (await this.getUserById(id))!;
  }

  async getUserById(id: string): Promise<User | null> {
    return this.userFrom(this.db.prepare(`SELECT * FROM users WHERE id = ?`).get(id) as UserRow | undefined);
  }

  async getUserByEmail(email: string): Promise<(Account & { passwordHash: string }) | null> {
    const row = this.db.prepare(`SELECT * FROM users WHERE email = ?`).get(email.toLowerCase()) as UserRow | undefined;
    const user = this.userFrom(row);
    return user && row ? { ...user, passwordHash: row.password_hash } : null;
  }

  async listUsers(): Promise<Account[]> {
    return (this.db.prepare(`SELECT * FROM users ORDER BY email`).all() as UserRow[]).map((r) => this.userFrom(r)!);
  }

  async updateAccount(userId: string, patch: AccountPatch): Promise<boolean> {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (patch.passwordHash !== undefined) { sets.push('password_hash = ?'); args.push(patch.passwordHash); }
    if (patch.role !== undefined) { sets.push('role = ?'); args.push(patch.role); }
    if (patch.disabledAt !== undefined) { sets.push('disabled_at = ?'); args.push(patch.disabledAt); }
    if (sets.length === 0) return (await this.getUserById(userId)) !== null;
    return this.db.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...args, userId).changes === 1;
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return this.db.prepare(`DELETE FROM sessions WHERE user_id = ?`).run(userId).changes;
  }

  async deleteUserSessionsExcept(userId: string, keepTokenHash: string): Promise<string[]> {
    return this.db.prepare(`DELETE FROM sessions WHERE user_id = ? AND token_hash <> ? RETURNING token_hash`).pluck().all(userId, keepTokenHash) as string[];
  }

  async createPasswordReset(tokenHash: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
    this.db.prepare(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(tokenHash, userId, createdAt, expiresAt);
  }

  async usePasswordReset(tokenHash: string, now: number): Promise<string | null> {
    const row = this.db
      .prepare(`UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`)
      .get(now, tokenHash, now) as { user_id: string } | undefined;
    return row?.user_id ?? null;
  }

  async setMemberships(userId: string, commitmentIds: string[]): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM memberships WHERE user_id = ?`).run(userId);
      for (const c of commitmentIds) this.db.prepare(`INSERT INTO memberships (user_id, commitment_id) VALUES (?, ?)`).run(userId, c);
    })();
  }

  async createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void> {
    this.db.prepare(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`).run(tokenHash, userId, Date.now(), expiresAt);
  }

  async getSessionUser(tokenHash: string, now: number): Promise<User | null> {
    return (await this.getSession(tokenHash, now))?.user ?? null;
  }

  async getSession(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number } | null> {
    const row = this.db
      .prepare(`SELECT u.*, s.expires_at AS session_expires_at FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`)
      .get(tokenHash, now) as (UserRow & { session_expires_at: number }) | undefined;
    const user = this.userFrom(row);
    return user && row ? { user, expiresAt: row.session_expires_at } : null;
  }

  async liveSessions(tokenHashes: readonly string[], now: number): Promise<Set<string>> {
    const live = new Set<string>();
    // Well under SQLite's limit of bound parameters per statement.
    for (let i = 0; i < tokenHashes.length; i += 500) {
      const chunk = tokenHashes.slice(i, i + 500);
      const rows = this.db.prepare(`SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.expires_at > ? AND u.disabled_at IS NULL AND s.token_hash IN (${chunk.map(() => '?').join(',')})`).pluck().all(now, ...chunk) as string[];
      for (const h of rows) live.add(h);
    }
    return live;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare(`DELETE FROM sessions WHERE token_hash = ?`).run(tokenHash);
  }

  async createInvitation(tokenHash: string, i: Invitation): Promise<void> {
    this.db
      .prepare(`INSERT INTO invitations (token_hash, email, role, affiliation_kind, affiliation_id, affiliation_name, commitments, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(tokenHash, i.email.toLowerCase(), i.role, i.affiliation.kind, i.affiliation.id, i.affiliation.name, JSON.stringify(i.commitments), i.createdBy, i.createdAt, i.expiresAt, i.usedAt);
  }

  async getInvitation(tokenHash: string): Promise<Invitation | null> {
    const r = this.db.prepare(`SELECT * FROM invitations WHERE token_hash = ?`).get(tokenHash) as InvitationRow | undefined;
    if (!r) return null;
    return {
      email: r.email,
      role: r.role as Invitation['role'],
      affiliation: { kind: r.affiliation_kind as Invitation['affiliation']['kind'], id: r.affiliation_id, name: r.affiliation_name },
      commitments: JSON.parse(r.commitments) as string[],
      createdBy: r.created_by,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      usedAt: r.used_at,
    };
  }

  async useInvitation(tokenHash: string, now: number): Promise<boolean> {
    return this.db.prepare(`UPDATE invitations SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`).run(now, tokenHash).changes === 1;
  }

  // ---- audit trail -------------------------------------------------------------------------

  async appendAudit(e: NewAuditEntry): Promise<number> {
    const r = this.db
      .prepare(`INSERT INTO audit_log (at, actor_id, actor_name, affiliation, action, target, details, address) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(e.at, e.actor.userId, e.actor.name, e.actor.affiliation, e.action, e.target, JSON.stringify(e.details), e.address);
    return Number(r.lastInsertRowid);
  }

  async listAudit(f: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.actor !== undefined) { where.push('(actor_id = ? OR actor_name = ?)'); args.push(f.actor, f.actor); }
    if (f.action !== undefined) { where.push('action = ?'); args.push(f.action); }
    if (f.target !== undefined) { where.push('target = ?'); args.push(f.target); }
    if (f.from !== undefined) { where.push('at >= ?'); args.push(f.from); }
    if (f.to !== undefined) { where.push('at < ?'); args.push(f.to); }
    if (f.before !== undefined) { where.push('id < ?'); args.push(f.before); }
    const rows = this.db
      .prepare(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`)
      .all(...args, f.limit) as AuditRow[];
    return rows.map(auditFromRow);
  }

  async storeId(): Promise<string> {
    return this.db.prepare(`SELECT value FROM store_meta WHERE key = 'store_id'`).pluck().get() as string;
  }

  async ping(): Promise<boolean> {
    return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
  }

  async integrityCheck(): Promise<string> {
    // An in-memory database has no file for another connection to read.
    if (this.options.file === ':memory:') return 'ok';
    return quickCheckInThread(this.options.file);
  }

  private startCheckpointer(): void {
    const report = (message: string) =>
      this.options.logger
        ? this.options.logger.error('SQLite checkpoint failed (the WAL grows until the next one succeeds)', { file: this.options.file, error: message })
        : console.error(`SQLite checkpoint failed for ${this.options.file}: ${message}`);
    this.checkpointer = new SqliteCheckpointer(this.options.file, CHECKPOINT_EVERY_MS, report);
  }

  async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    await checkpointer?.close();
    if (this.walFd !== null) closeSync(this.walFd);
    this.walFd = null;
    if (this.db.open) this.db.close();
  }
}
