/**
 * The PostgreSQL store (node-postgres pool), for several server processes sharing one
 * database. Every append is one transaction that allocates its seqs by incrementing the
 * document row's `last_seq` (the row lock orders appenders from every process); migrations
 * run under an advisory lock because several processes may start at once.
 */
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { DocKind } from '../../shared/protocol/docNames.js';
import type { Account, AccountPatch, Invitation, NewUser, User } from '../auth/types.js';
import type { Logger } from '../log.js';
import { readMigrations } from './migrations.js';
import type { AgencyRecord, RightsRecord, RightsStore } from './types.js';
import type { AuditEntry, AuditFilter, NewAuditEntry, CommitmentLink, DocEvent, DocRecord, LoadedDoc, LoggedUpdate, Publication, PublicComment, PublicCommentStatus, ReviewCycle, Snapshot, SnapshotInfo, Store, UpdateAuthor, UpdateToAppend, DocAppend, LedgerEntry, LedgerTotal } from './types.js';
import { auditFromRow, type AuditRow } from './auditRows.js';
import { advanceLedger, ledgerOf, totalsAt } from './postgresLedger.js';
import { postgresRights } from './postgresRights.js';
import { PUBLIC_COMMENT_COLUMNS, publicCommentFromRow, publicCommentValues, type PublicCommentRow } from './publicRows.js';

export interface PostgresOptions {
  /** `postgres://user@host:5432/db`; `?options=-c search_path=…` selects a schema. */
  connectionString: string;
  /**
   * Schema to keep the tables in, created when missing (tests use a fresh one each run).
   * Omitted: the connection's search_path decides (normally `public`).
   */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before a query fails, in ms (default: queryTimeoutMs). */
  connectTimeoutMs?: number;
  /**
   * How long one statement may take, in ms (default 5000): the server cancels it after this
   * (statement_timeout), and the client gives up after this when no answer comes at all
   * (packets dropped), discarding the connection. So a silent database is noticed in time.
   */
  queryTimeoutMs?: number;
  /** Where idle-connection errors go (a database restart must not crash the process). */
  logger?: Logger;
}

type Row = Record<string, unknown>;
interface UserRow { id: string; email: string; name: string; password_hash: string; role: string; affiliation_kind: string; affiliation_id: string; affiliation_name: string; created_at: string; commitments: string[]; disabled_at: string | null }
interface DocRow { name: string; kind: DocKind; plan_id: string; created_at: string; updated_at: string }
interface CycleRow { id: string; plan_id: string; label: string; label_en: string; meeting_date: string; notes: string; notes_en: string; created_by: string; created_name: string; created_affil: string; created_at: string; snapshot_at: string | null }
interface SnapshotRow { id: string; cycle_id: string | null; doc: string; kind: Snapshot['kind']; reason: string; seq: string; state?: Buffer; json?: string; hash: string; taken_at: string; user_id: string; user_name: string; affiliation: string }

/** True for an error PostgreSQL itself reported (a statement's); false for the connection's own. */
const hasSqlState = (err: unknown): boolean => /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** Schema names we accept: they are spliced into SQL and into the connection options. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const toRecord = (r: DocRow): DocRecord => ({ name: r.name, kind: r.kind, planId: r.plan_id, createdAt: r.created_at, updatedAt: r.updated_at });
/** BIGINT arrives as a string (it may exceed 2^53); our seqs and epoch ms do not. */
const num = (v: unknown): number => Number(v);
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const authorOf = (r: Row): UpdateAuthor => ({ userId: r.user_id as string, name: r.user_name as string, affiliation: r.affiliation as string });

const toCycle = (r: CycleRow): ReviewCycle => ({
  id: r.id, planId: r.plan_id, label: r.label, labelEn: r.label_en, meetingDate: r.meeting_date, notes: r.notes, notesEn: r.notes_en,
  createdBy: { userId: r.created_by, name: r.created_name, affiliation: r.created_affil },
  createdAt: num(r.created_at), snapshotAt: r.snapshot_at === null ? null : num(r.snapshot_at),
});

const toSnapshotInfo = (r: SnapshotRow): SnapshotInfo => ({
  id: r.id, cycleId: r.cycle_id, docName: r.doc, kind: r.kind, reason: r.reason, seq: num(r.seq), hash: r.hash,
  takenAt: num(r.taken_at), takenBy: authorOf(r as unknown as Row),
});

const SNAPSHOT_INFO_COLUMNS = 'id, cycle_id, doc, kind, reason, seq, hash, taken_at, user_id, user_name, affiliation';
const USER_SELECT = `SELECT u.*, COALESCE(array_agg(m.commitment_id ORDER BY m.commitment_id COLLATE "C") FILTER (WHERE m.commitment_id IS NOT NULL), '{}') AS commitments
  FROM users u LEFT JOIN memberships m ON m.user_id = u.id`;

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private closed = false;
  private readonly rights: RightsStore;

  /**
   * Opens the pool and brings the schema up to date.
   * @example const store = await PostgresStore.open({ connectionString: process.env.DATABASE_URL! });
   */
  static async open(options: PostgresOptions): Promise<PostgresStore> {
    const store = new PostgresStore(options);
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }

  private constructor(private readonly options: PostgresOptions) {
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
    const timeoutMs = options.queryTimeoutMs ?? 5000;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? timeoutMs,
      idleTimeoutMillis: 30_000,
      statement_timeout: timeoutMs,
      query_timeout: timeoutMs,
      // TCP keepalive finds a dead peer of an idle connection (the kernel's own default is hours).
      keepAlive: true,
      keepAliveInitialDelayMillis: timeoutMs,
    });
    this.rights = postgresRights(this.pool, (fn) => this.tx(fn));
    // An idle client whose server went away emits here; without a listener the process dies.
    this.pool.on('error', (err) => options.logger?.error('postgres connection lost', { error: String(err) }));
  }

  /** Applies the numbered migrations not yet recorded, one transaction each, under an advisory lock. */
  private async migrate(): Promise<void> {
    await this.withClient(async (client) => {
      // Keyed by the search path, so processes sharing a schema wait for each other and
      // tests on different schemas do not.
      await this.lockOn(client, `hashtext('gongbi:migrate'), hashtext(current_setting('search_path'))`, []);
      try {
        if (this.options.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.options.schema}`);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const applied = new Set((await client.query(`SELECT version FROM schema_migrations`)).rows.map((r) => Number(r.version)));
        for (const m of readMigrations('postgres')) {
          if (applied.has(m.version)) continue;
          await client.query('BEGIN');
          try {
            await client.query(m.sql);
            await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`, [m.version, m.name, new Date().toISOString()]);
            await client.query('COMMIT');
          } catch (err) {
            await client.query('ROLLBACK').catch(() => {});
            throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
          }
        }
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext('gongbi:migrate'), hashtext(current_setting('search_path')))`).catch(() => {});
      }
    });
  }

  /**
   * Runs `fn` with a connection of its own. While checked out, a client whose server goes
   * away emits 'error' with no pool listener attached: without ours, the process would die.
   * A client that failed is destroyed rather than returned to the pool.
   */
  private async withClient<T>(fn: (c: pg.PoolClient, discard: (err: Error) => void) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    const onError = (err: Error) => {
      broken = err;
      this.options.logger?.error('postgres connection lost', { error: String(err) });
    };
    client.on('error', onError);
    try {
      return await fn(client, (err) => (broken ??= err));
    } catch (err) {
      // No SQLSTATE: the error is the connection's (a timeout, a reset), not the statement's,
      // and the connection may still be waiting for an answer: it is not given back.
      if (!hasSqlState(err)) broken ??= err as Error;
      throw err;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withClient(async (client, discard) => {
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        // A connection that failed (no SQLSTATE: a timeout, a reset) is discarded, and the
        // server rolls back when it goes; waiting for a ROLLBACK on it would double the wait.
        if (!hasSqlState(err)) throw err;
        // A connection that cannot even roll back is not given back to the pool.
        await client.query('ROLLBACK').catch(discard);
        throw err;
      }
    });
  }

  /**
   * Takes a session advisory lock, waiting as long as another process holds it (seeding may
   * take longer than one statement may): polled, since a blocking pg_advisory_lock would be
   * cancelled by statement_timeout.
   */
  private async lockOn(client: pg.PoolClient, keys: string, args: unknown[]): Promise<void> {
    for (;;) {
      const { rows } = await client.query(`SELECT pg_try_advisory_lock(${keys}) AS ok`, args);
      if (rows[0].ok) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Runs `fn` while holding a session advisory lock named `key` (in this schema): the
   * processes of a cluster use it for one-time work such as seeding the demo plan.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      await this.lockOn(client, `hashtext($1), hashtext(current_setting('search_path'))`, [key]);
      try {
        return await fn();
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext(current_setting('search_path')))`, [key]).catch(() => {});
      }
    });
  }

  // ---- documents --------------------------------------------------------------------------

  async createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord> {
    const now = new Date().toISOString();
    await this.pool.query(`INSERT INTO documents (name, kind, plan_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (name) DO NOTHING`, [name, kind, planId, now]);
    return (await this.getDocument(name))!;
  }

  async getDocument(name: string): Promise<DocRecord | null> {
    const { rows } = await this.pool.query<DocRow>(`SELECT name, kind, plan_id, created_at, updated_at FROM documents WHERE name = $1`, [name]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async listDocuments(filter: { kind?: DocKind; planId?: string } = {}): Promise<DocRecord[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.kind) { args.push(filter.kind); where.push(`kind = $${args.length}`); }
    if (filter.planId !== undefined) { args.push(filter.planId); where.push(`plan_id = $${args.length}`); }
    const sql = `SELECT name, kind, plan_id, created_at, updated_at FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name COLLATE "C"`;
    return (await this.pool.query<DocRow>(sql, args)).rows.map(toRecord);
  }

  async appendUpdates(name: string, updates: UpdateToAppend[]): Promise<number> {
    if (updates.length === 0) {
      const { rows } = await this.pool.query(`SELECT last_seq FROM documents WHERE name = $1`, [name]);
      return rows[0] ? num(rows[0].last_seq) : 0;
    }
    return (await this.appendMany([{ name, updates }]))[0]!;
  }

  async appendMany(writes: DocAppend[]): Promise<number[]> {
    const names = writes.map((w) => w.name);
    if (new Set(names).size !== names.length) throw new Error('appendMany: a document may appear once');
    // Checked before the round trip; the NOT NULL column would refuse it anyway.
    for (const w of writes) for (const u of w.updates) if (!(u.update instanceof Uint8Array)) throw new Error('an update must be bytes');
    const nonEmpty = writes.filter((w) => w.updates.length > 0);
    return this.tx(async (c) => {
      // Allocating the seqs locks the document rows until commit: appenders from every process
      // queue there, so seqs are gap-free and in commit order. Locked in name order, so two
      // processes writing to overlapping documents never deadlock.
      await c.query(`SELECT 1 FROM documents WHERE name = ANY($1::text[]) ORDER BY name FOR UPDATE`, [[...names].sort()]);
      const { rows } = await c.query(
        `UPDATE documents d SET last_seq = d.last_seq + v.n, updated_at = v.at
         FROM unnest($1::text[], $2::int[], $3::text[]) AS v(name, n, at)
         WHERE d.name = v.name RETURNING d.name, d.last_seq`,
        [nonEmpty.map((w) => w.name), nonEmpty.map((w) => w.updates.length), nonEmpty.map((w) => new Date(w.updates[w.updates.length - 1]!.receivedAt).toISOString())],
      );
      const last = new Map<string, number>(rows.map((r: { name: string; last_seq: string | number }) => [r.name, num(r.last_seq)]));
      if (writes.length > nonEmpty.length) {
        const { rows: others } = await c.query(`SELECT name, last_seq FROM documents WHERE name = ANY($1::text[])`, [writes.filter((w) => !w.updates.length).map((w) => w.name)]);
        for (const r of others as Array<{ name: string; last_seq: string | number }>) last.set(r.name, num(r.last_seq));
      }
      const unknown = names.find((n) => !last.has(n));
      if (unknown) throw new Error(`unknown document ${unknown}`);
      const rowsOf = nonEmpty.flatMap((w) => w.updates.map((u, i) => ({ doc: w.name, seq: last.get(w.name)! - w.updates.length + 1 + i, u })));
      if (rowsOf.length) {
        await c.query(
          `INSERT INTO updates (doc, seq, data, user_id, user_name, affiliation, received_at)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::bigint[])`,
          [
            rowsOf.map((r) => r.doc),
            rowsOf.map((r) => r.seq),
            rowsOf.map((r) => r.u.update),
            rowsOf.map((r) => r.u.author.userId),
            rowsOf.map((r) => r.u.author.name),
            rowsOf.map((r) => r.u.author.affiliation),
            rowsOf.map((r) => r.u.receivedAt),
          ],
        );
      }
      const claims = rowsOf.flatMap((r) => (r.u.claims ?? []).map((c) => ({ doc: r.doc, client: c.clientId, userId: c.userId })));
      if (claims.length) {
        await c.query(
          `INSERT INTO doc_client_owners (doc, client_id, user_id)
           SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
          [claims.map((o) => o.doc), claims.map((o) => o.client), claims.map((o) => o.userId)],
        );
      }
      return names.map((n) => last.get(n)!);
    });
  }

  async loadDocument(name: string): Promise<LoadedDoc> {
    const { rows } = await this.pool.query(`SELECT last_seq, compacted_seq, state FROM documents WHERE name = $1`, [name]);
    const row = rows[0];
    if (!row) throw new Error(`unknown document ${name}`);
    const compactedSeq = num(row.compacted_seq);
    const lastSeq = num(row.last_seq);
    // Logged updates are never deleted, so reading the tail after the row is consistent even
    // if another process compacts or appends in between; `<= lastSeq` keeps the pair exact.
    const tail = await this.pool.query(`SELECT data FROM updates WHERE doc = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [name, compactedSeq, lastSeq]);
    // Read after the row: an owner bound since is there too (bound in the append's transaction).
    const owners = await this.pool.query(`SELECT client_id, user_id FROM doc_client_owners WHERE doc = $1`, [name]);
    const clientOwners = owners.rows.map((r: { client_id: string | number; user_id: string }) => ({ clientId: num(r.client_id), userId: r.user_id }));
    return { state: row.state ? bytes(row.state) : null, compactedSeq, updates: tail.rows.map((r) => bytes(r.data)), lastSeq, clientOwners };
  }

  /**
   * Only one process compacts a document at a time: a second one that finds the lock taken
   * skips (the other's result is as good). Never goes backwards, never past the log.
   */
  async compact(name: string, state: Uint8Array, upToSeq: number): Promise<void> {
    await this.tx(async (c) => {
      const { rows } = await c.query(`SELECT pg_try_advisory_xact_lock(hashtext('gongbi:compact'), hashtext(current_schema() || ':' || $1)) AS ok`, [name]);
      if (!rows[0]?.ok) return;
      await c.query(`UPDATE documents SET state = $2, compacted_seq = $3 WHERE name = $1 AND compacted_seq <= $3 AND last_seq >= $3`, [name, state, upToSeq]);
    });
  }

  async pendingUpdateCount(name: string): Promise<number> {
    const { rows } = await this.pool.query(`SELECT last_seq - compacted_seq AS n FROM documents WHERE name = $1`, [name]);
    return rows[0] ? num(rows[0].n) : 0;
  }

  async listUpdateAudit(name: string, fromSeq = 0) {
    const { rows } = await this.pool.query(
      `SELECT seq, user_id, user_name, affiliation, received_at, octet_length(data) AS size FROM updates WHERE doc = $1 AND seq >= $2 ORDER BY seq`,
      [name, fromSeq],
    );
    return rows.map((r) => ({ seq: num(r.seq), author: authorOf(r), receivedAt: num(r.received_at), size: num(r.size) }));
  }

  async appendEvent(e: DocEvent): Promise<void> {
    await this.pool.query(
      `INSERT INTO doc_events (doc, type, data, user_id, user_name, affiliation, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at],
    );
  }

  async listEvents(name: string): Promise<DocEvent[]> {
    const { rows } = await this.pool.query(`SELECT doc, type, data, user_id, user_name, affiliation, at FROM doc_events WHERE doc = $1 ORDER BY id`, [name]);
    return rows.map((r) => ({ name: r.doc, type: r.type, data: JSON.parse(r.data), author: authorOf(r), at: num(r.at) }));
  }

  // ---- review cycles and snapshots --------------------------------------------------------

  async createCycle(c: ReviewCycle): Promise<void> {
    await this.pool.query(
      `INSERT INTO review_cycles (id, plan_id, label, meeting_date, notes, created_by, created_name, created_affil, created_at, snapshot_at, label_en, notes_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [c.id, c.planId, c.label, c.meetingDate, c.notes, c.createdBy.userId, c.createdBy.name, c.createdBy.affiliation, c.createdAt, c.snapshotAt, c.labelEn, c.notesEn],
    );
  }

  async getCycle(id: string): Promise<ReviewCycle | null> {
    const { rows } = await this.pool.query<CycleRow>(`SELECT * FROM review_cycles WHERE id = $1`, [id]);
    return rows[0] ? toCycle(rows[0]) : null;
  }

  async listCycles(planId: string): Promise<ReviewCycle[]> {
    const { rows } = await this.pool.query<CycleRow>(`SELECT * FROM review_cycles WHERE plan_id = $1 ORDER BY meeting_date COLLATE "C", created_at, id COLLATE "C"`, [planId]);
    return rows.map(toCycle);
  }

  private async insertSnapshot(c: pg.PoolClient | pg.Pool, s: Snapshot): Promise<void> {
    await c.query(
      `INSERT INTO snapshots (id, cycle_id, doc, kind, reason, seq, state, json, hash, taken_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [s.id, s.cycleId, s.docName, s.kind, s.reason, s.seq, s.state, s.json, s.hash, s.takenAt, s.takenBy.userId, s.takenBy.name, s.takenBy.affiliation],
    );
  }

  async addCycleSnapshots(cycleId: string, takenAt: number, snapshots: Snapshot[]): Promise<boolean> {
    return this.tx(async (c) => {
      // The conditional UPDATE is the once-only check: a concurrent second call waits for the
      // row lock, re-reads the row and changes 0 rows.
      const marked = await c.query(`UPDATE review_cycles SET snapshot_at = $1 WHERE id = $2 AND snapshot_at IS NULL`, [takenAt, cycleId]);
      if (marked.rowCount !== 1) return false;
      for (const s of snapshots) await this.insertSnapshot(c, s);
      return true;
    });
  }

  async addSnapshot(s: Snapshot): Promise<void> {
    await this.insertSnapshot(this.pool, s);
  }

  async getSnapshot(id: string): Promise<Snapshot | null> {
    const { rows } = await this.pool.query<SnapshotRow>(`SELECT * FROM snapshots WHERE id = $1`, [id]);
    const r = rows[0];
    return r ? { ...toSnapshotInfo(r), state: bytes(r.state!), json: r.json! } : null;
  }

  async listSnapshots(filter: { cycleId?: string; docName?: string }): Promise<SnapshotInfo[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.cycleId !== undefined) { args.push(filter.cycleId); where.push(`cycle_id = $${args.length}`); }
    if (filter.docName !== undefined) { args.push(filter.docName); where.push(`doc = $${args.length}`); }
    const sql = `SELECT ${SNAPSHOT_INFO_COLUMNS} FROM snapshots ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY taken_at DESC, seq DESC, id COLLATE "C"`;
    return (await this.pool.query<SnapshotRow>(sql, args)).rows.map(toSnapshotInfo);
  }

  async loadUpdateRange(name: string, fromSeq: number, toSeq: number): Promise<LoggedUpdate[]> {
    const { rows } = await this.pool.query(
      `SELECT seq, data, user_id, user_name, affiliation, received_at FROM updates WHERE doc = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
      [name, fromSeq, toSeq],
    );
    return rows.map((r) => ({ seq: num(r.seq), update: bytes(r.data), author: authorOf(r), receivedAt: num(r.received_at) }));
  }

  // ---- contribution ledger (postgresLedger.ts) --------------------------------------------

  async contributionLedger(name: string, withState = false): Promise<{ seq: number; state: Uint8Array | null; lastSeq: number }> {
    return ledgerOf(this.pool, name, withState);
  }

  async advanceContributionLedger(name: string, fromSeq: number, toSeq: number, state: Uint8Array, entries: LedgerEntry[]): Promise<boolean> {
    return this.tx((c) => advanceLedger(c, name, fromSeq, toSeq, state, entries));
  }

  async contributionTotalsAt(name: string, seq: number): Promise<LedgerTotal[]> {
    return totalsAt(this.pool, name, seq);
  }

  // ---- publications, public comments, cross-links ----------------------------------------

  async publishCycle(p: Publication): Promise<void> {
    await this.pool.query(
      `INSERT INTO publications (cycle_id, plan_id, published_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cycle_id) DO UPDATE SET published_at = EXCLUDED.published_at, user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name, affiliation = EXCLUDED.affiliation`,
      [p.cycleId, p.planId, p.publishedAt, p.publishedBy.userId, p.publishedBy.name, p.publishedBy.affiliation],
    );
  }

  async listPublications(planId: string): Promise<Publication[]> {
    const { rows } = await this.pool.query(`SELECT * FROM publications WHERE plan_id = $1 ORDER BY published_at DESC, cycle_id COLLATE "C"`, [planId]);
    return rows.map((r) => ({ cycleId: r.cycle_id, planId: r.plan_id, publishedAt: num(r.published_at), publishedBy: authorOf(r) }));
  }

  async addPublicComment(c: PublicComment): Promise<void> {
    const marks = PUBLIC_COMMENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
    await this.pool.query(`INSERT INTO public_comments (${PUBLIC_COMMENT_COLUMNS.join(', ')}) VALUES (${marks})`, publicCommentValues(c));
  }

  async getPublicComment(id: string): Promise<PublicComment | null> {
    const { rows } = await this.pool.query<PublicCommentRow>(`SELECT * FROM public_comments WHERE id = $1`, [id]);
    return rows[0] ? publicCommentFromRow(rows[0]) : null;
  }

  async listPublicComments(filter: { planId?: string; commitmentId?: string; status?: PublicCommentStatus }): Promise<PublicComment[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.planId !== undefined) { args.push(filter.planId); where.push(`plan_id = $${args.length}`); }
    if (filter.commitmentId !== undefined) { args.push(filter.commitmentId); where.push(`commitment_id = $${args.length}`); }
    if (filter.status !== undefined) { args.push(filter.status); where.push(`status = $${args.length}`); }
    const sql = `SELECT * FROM public_comments ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id COLLATE "C"`;
    return (await this.pool.query<PublicCommentRow>(sql, args)).rows.map(publicCommentFromRow);
  }

  async countRecentPublicComments(ipHash: string, since: number): Promise<number> {
    const { rows } = await this.pool.query(`SELECT COUNT(*) AS n FROM public_comments WHERE ip_hash = $1 AND created_at >= $2`, [ipHash, since]);
    return num(rows[0]?.n ?? 0);
  }

  async moderatePublicComment(id: string, status: PublicCommentStatus, by: UpdateAuthor, at: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE public_comments SET status = $1, moderated_by = $2, moderated_name = $3, moderated_affil = $4, moderated_at = $5 WHERE id = $6`,
      [status, by.userId, by.name, by.affiliation, at, id],
    );
    return res.rowCount === 1;
  }

  async respondToPublicComment(id: string, text: string, by: UpdateAuthor, at: number): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE public_comments SET response = $1, responded_by = $2, responded_name = $3, responded_affil = $4, responded_at = $5 WHERE id = $6`,
      [text, by.userId, by.name, by.affiliation, at, id],
    );
    return res.rowCount === 1;
  }

  async addLink(l: CommitmentLink): Promise<boolean> {
    // xmax = 0 only on a freshly inserted row: tells "new" from "note replaced" in one statement.
    const { rows } = await this.pool.query(
      `INSERT INTO commitment_links (from_id, to_id, note, created_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (from_id, to_id) DO UPDATE SET note = EXCLUDED.note RETURNING (xmax = 0) AS inserted`,
      [l.from, l.to, l.note, l.createdAt, l.createdBy.userId, l.createdBy.name, l.createdBy.affiliation],
    );
    return rows[0]?.inserted === true;
  }

  async removeLink(from: string, to: string): Promise<boolean> {
    const res = await this.pool.query(`DELETE FROM commitment_links WHERE from_id = $1 AND to_id = $2`, [from, to]);
    return res.rowCount === 1;
  }

  async listLinks(commitmentId: string): Promise<{ outgoing: CommitmentLink[]; incoming: CommitmentLink[] }> {
    const toLink = (r: Row): CommitmentLink => ({ from: r.from_id as string, to: r.to_id as string, note: r.note as string, createdAt: num(r.created_at), createdBy: authorOf(r) });
    const sql = (col: string) => `SELECT * FROM commitment_links WHERE ${col} = $1 ORDER BY created_at, from_id COLLATE "C", to_id COLLATE "C"`;
    const [outgoing, incoming] = await Promise.all([this.pool.query(sql('from_id'), [commitmentId]), this.pool.query(sql('to_id'), [commitmentId])]);
    return { outgoing: outgoing.rows.map(toLink), incoming: incoming.rows.map(toLink) };
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    await this.pool.query(`INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, candidate]);
    const { rows } = await this.pool.query(`SELECT value FROM server_secrets WHERE name = $1`, [name]);
    return rows[0].value as string;
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

  private static userFrom(row: UserRow | undefined): Account | null {
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role as User['role'],
      affiliation: { kind: row.affiliation_kind as User['affiliation']['kind'], id: row.affiliation_id, name: row.affiliation_name },
      commitments: row.commitments,
      createdAt: row.created_at,
      disabledAt: row.disabled_at === null ? null : num(row.disabled_at),
    };
  }

  async createUser(u: NewUser): Promise<User> {
    const id = 'u-' + randomUUID();
    await this.tx(async (c) => {
      await c.query(
        `INSERT INTO users (id, email, name, password_hash, role, affiliation_kind, affiliation_id, affiliation_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, u.email.toLowerCase(), u.name, u.passwordHash, u.role, u.affiliation.kind, u.affiliation.id, u.affiliation.name, new Date().toISOString()],
      );
      if (u.commitments?.length) await c.query(`INSERT INTO memberships (user_id, commitment_id) SELECT $1, unnest($2::text[])`, [id, u.commitments]);
    });
    return (await this.getUserById(id))!;
  }

  async getUserById(id: string): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SELECT} WHERE u.id = $1 GROUP BY u.id`, [id]);
    return PostgresStore.userFrom(rows[0]);
  }

  async getUserByEmail(email: string): Promise<(Account & { passwordHash: string }) | null> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SELECT} WHERE u.email = $1 GROUP BY u.id`, [email.toLowerCase()]);
    const user = PostgresStore.userFrom(rows[0]);
    return user ? { ...user, passwordHash: rows[0]!.password_hash } : null;
  }

  async listUsers(): Promise<Account[]> {
    const { rows } = await this.pool.query<UserRow>(`${USER_SELECT} GROUP BY u.id ORDER BY u.email COLLATE "C"`);
    return rows.map((r) => PostgresStore.userFrom(r)!);
  }

  async updateAccount(userId: string, patch: AccountPatch): Promise<boolean> {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (patch.passwordHash !== undefined) { args.push(patch.passwordHash); sets.push(`password_hash = $${args.length}`); }
    if (patch.role !== undefined) { args.push(patch.role); sets.push(`role = $${args.length}`); }
    if (patch.disabledAt !== undefined) { args.push(patch.disabledAt); sets.push(`disabled_at = $${args.length}`); }
    if (sets.length === 0) return (await this.getUserById(userId)) !== null;
    args.push(userId);
    const res = await this.pool.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $${args.length}`, args);
    return res.rowCount === 1;
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return (await this.pool.query(`DELETE FROM sessions WHERE user_id = $1`, [userId])).rowCount ?? 0;
  }

  async deleteUserSessionsExcept(userId: string, keepTokenHash: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ token_hash: string }>(`DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2 RETURNING token_hash`, [userId, keepTokenHash]);
    return rows.map((r) => r.token_hash);
  }

  async createPasswordReset(tokenHash: string, userId: string, createdAt: number, expiresAt: number): Promise<void> {
    await this.pool.query(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [tokenHash, userId, createdAt, expiresAt]);
  }

  async usePasswordReset(tokenHash: string, now: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id`,
      [now, tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  async setMemberships(userId: string, commitmentIds: string[]): Promise<void> {
    await this.tx(async (c) => {
      await c.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
      if (commitmentIds.length) await c.query(`INSERT INTO memberships (user_id, commitment_id) SELECT $1, unnest($2::text[])`, [userId, commitmentIds]);
    });
  }

  async createSession(tokenHash: string, userId: string, expiresAt: number): Promise<void> {
    await this.pool.query(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [tokenHash, userId, Date.now(), expiresAt]);
  }

  async getSessionUser(tokenHash: string, now: number): Promise<User | null> {
    return (await this.getSession(tokenHash, now))?.user ?? null;
  }

  async getSession(tokenHash: string, now: number): Promise<{ user: User; expiresAt: number } | null> {
    const { rows } = await this.pool.query<UserRow & { session_expires_at: string }>(
      `WITH s AS (SELECT user_id, expires_at FROM sessions WHERE token_hash = $1 AND expires_at > $2)
       SELECT q.*, (SELECT expires_at FROM s) AS session_expires_at FROM (${USER_SELECT} WHERE u.id = (SELECT user_id FROM s) AND u.disabled_at IS NULL GROUP BY u.id) q`,
      [tokenHash, now],
    );
    const user = PostgresStore.userFrom(rows[0]);
    return user ? { user, expiresAt: num(rows[0]!.session_expires_at) } : null;
  }

  async liveSessions(tokenHashes: readonly string[], now: number): Promise<Set<string>> {
    if (tokenHashes.length === 0) return new Set();
    const { rows } = await this.pool.query<{ token_hash: string }>(`SELECT s.token_hash FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.expires_at > $1 AND u.disabled_at IS NULL AND s.token_hash = ANY($2::text[])`, [now, tokenHashes]);
    return new Set(rows.map((r) => r.token_hash));
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }

  async createInvitation(tokenHash: string, i: Invitation): Promise<void> {
    await this.pool.query(
      `INSERT INTO invitations (token_hash, email, role, affiliation_kind, affiliation_id, affiliation_name, commitments, created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [tokenHash, i.email.toLowerCase(), i.role, i.affiliation.kind, i.affiliation.id, i.affiliation.name, JSON.stringify(i.commitments), i.createdBy, i.createdAt, i.expiresAt, i.usedAt],
    );
  }

  async getInvitation(tokenHash: string): Promise<Invitation | null> {
    const { rows } = await this.pool.query(`SELECT * FROM invitations WHERE token_hash = $1`, [tokenHash]);
    const r = rows[0];
    if (!r) return null;
    return {
      email: r.email,
      role: r.role as Invitation['role'],
      affiliation: { kind: r.affiliation_kind as Invitation['affiliation']['kind'], id: r.affiliation_id, name: r.affiliation_name },
      commitments: JSON.parse(r.commitments) as string[],
      createdBy: r.created_by,
      createdAt: num(r.created_at),
      expiresAt: num(r.expires_at),
      usedAt: r.used_at === null ? null : num(r.used_at),
    };
  }

  async useInvitation(tokenHash: string, now: number): Promise<boolean> {
    const res = await this.pool.query(`UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL`, [now, tokenHash]);
    return res.rowCount === 1;
  }

  // ---- audit trail -------------------------------------------------------------------------

  async appendAudit(e: NewAuditEntry): Promise<number> {
    const { rows } = await this.pool.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, affiliation, action, target, details, address) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [e.at, e.actor.userId, e.actor.name, e.actor.affiliation, e.action, e.target, JSON.stringify(e.details), e.address],
    );
    return num(rows[0].id);
  }

  async listAudit(f: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (f.actor !== undefined) { const a = arg(f.actor); where.push(`(actor_id = ${a} OR actor_name = ${a})`); }
    if (f.action !== undefined) where.push(`action = ${arg(f.action)}`);
    if (f.target !== undefined) where.push(`target = ${arg(f.target)}`);
    if (f.from !== undefined) where.push(`at >= ${arg(f.from)}`);
    if (f.to !== undefined) where.push(`at < ${arg(f.to)}`);
    if (f.before !== undefined) where.push(`id < ${arg(f.before)}`);
    const { rows } = await this.pool.query<AuditRow>(`SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ${arg(f.limit)}`, args);
    return rows.map(auditFromRow);
  }

  // ---- lifecycle --------------------------------------------------------------------------

  async storeId(): Promise<string> {
    const { rows } = await this.pool.query(`SELECT value FROM store_meta WHERE key = 'store_id'`);
    return rows[0].value as string;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
