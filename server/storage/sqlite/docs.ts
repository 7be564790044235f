/**
 * SQLite's document store: documents, the update log and its compaction, events. Every
 * append is one transaction that is on disk before the caller relays the update to anyone;
 * seqs are allocated inside it from the document row's `last_seq`.
 */
import type Database from 'better-sqlite3';
import type { DocKind } from '../../../shared/protocol/docNames.js';
import type { DocAppend, DocEvent, DocRecord, DocStore, LoadedDoc, UpdateToAppend } from '../docs.js';
import { bytes, DOC_COLUMNS, docFromRow, eventFromRow, ownerFromRow, updateAuditFromRow, type DocRow, type EventRow, type OwnerRow, type UpdateAuditRow } from '../rows.js';
import { assertDistinct } from '../guards.js';

/** What the store's lifecycle owns, that the log's writes need. */
export interface SqliteLogHooks {
  /** Called before every `appendMany` (the store starts its checkpoint thread on the first). */
  beforeAppend(): void;
  /** Write the log's transactions without their fsync (`syncLog` then makes them durable). */
  deferLogSync: boolean;
}

/** SQLite answers appendMany synchronously (no promise on the sync server's hot path). */
export type SqliteDocs = Omit<DocStore, 'kind' | 'syncLog' | 'integrityCheck' | 'ping' | 'storeId' | 'close' | 'appendMany'> & { appendMany(writes: DocAppend[]): number[] };

export function sqliteDocs(db: Database.Database, hooks: SqliteLogHooks): SqliteDocs {
  const stmt = {
    insertDoc: db.prepare(`INSERT INTO documents (name, kind, plan_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO NOTHING`),
    getDoc: db.prepare(`SELECT ${DOC_COLUMNS} FROM documents WHERE name = ?`),
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
  };

  const appendTx = (name: string, updates: UpdateToAppend[]): number => {
    const row = stmt.seqOnly.get(name) as { last_seq: number } | undefined;
    if (!row) throw new Error(`unknown document ${name}`);
    if (updates.length === 0) return row.last_seq;
    let seq = row.last_seq;
    for (const u of updates) {
      seq += 1;
      stmt.insertUpdate.run(name, seq, u.update, u.author.userId, u.author.name, u.author.affiliation, u.receivedAt);
      if (u.claims) for (const c of u.claims) stmt.insertOwner.run(name, c.clientId, c.userId);
    }
    stmt.setLastSeq.run(seq, new Date(updates[updates.length - 1]?.receivedAt ?? Date.now()).toISOString(), name);
    return seq;
  };
  // Made once: better-sqlite3 builds a wrapper (and its BEGIN/COMMIT statements) per call.
  const appendManyTx = db.transaction((writes: DocAppend[]) => writes.map((w) => appendTx(w.name, w.updates)));

  return {
    async createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord> {
      const now = new Date().toISOString();
      stmt.insertDoc.run(name, kind, planId, now, now);
      return docFromRow(stmt.getDoc.get(name) as DocRow);
    },

    async getDocument(name) {
      const row = stmt.getDoc.get(name) as DocRow | undefined;
      return row ? docFromRow(row) : null;
    },

    async listDocuments(filter = {}) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.kind) { where.push('kind = ?'); args.push(filter.kind); }
      if (filter.planId !== undefined) { where.push('plan_id = ?'); args.push(filter.planId); }
      const sql = `SELECT ${DOC_COLUMNS} FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name`;
      return (db.prepare(sql).all(...args) as DocRow[]).map(docFromRow);
    },

    async appendUpdates(name, updates) {
      if (updates.length === 0) return (stmt.seqOnly.get(name) as { last_seq: number } | undefined)?.last_seq ?? 0;
      // Through the store's own appendMany (which health checks and tests may wrap).
      return this.appendMany([{ name, updates }])[0]!;
    },

    /** One transaction, one fsync, for every document's updates (synchronous: see DocStore). */
    appendMany(writes: DocAppend[]): number[] {
      assertDistinct(writes);
      hooks.beforeAppend();
      if (!hooks.deferLogSync) return appendManyTx(writes);
      // Not prepared once: SQLite applies `synchronous` when the pragma is compiled, so a prepared
      // statement would set it at construction and do nothing when run.
      db.exec('PRAGMA synchronous = NORMAL');
      try {
        return appendManyTx(writes);
      } finally {
        db.exec('PRAGMA synchronous = FULL');
      }
    },

    async loadDocument(name) {
      return db.transaction((): LoadedDoc => {
        const row = stmt.lastSeq.get(name) as { last_seq: number; compacted_seq: number; state: Buffer | null } | undefined;
        if (!row) throw new Error(`unknown document ${name}`);
        const updates = (stmt.tail.all(name, row.compacted_seq) as Array<{ data: Buffer }>).map((r) => bytes(r.data));
        const clientOwners = (stmt.owners.all(name) as OwnerRow[]).map(ownerFromRow);
        return { state: row.state ? bytes(row.state) : null, compactedSeq: row.compacted_seq, updates, lastSeq: row.last_seq, clientOwners };
      })();
    },

    async compact(name, state, upToSeq) {
      stmt.compact.run(state, upToSeq, name, upToSeq);
    },

    async pendingUpdateCount(name) {
      return (stmt.pending.get(name) as { n: number } | undefined)?.n ?? 0;
    },

    async listUpdateAudit(name, fromSeq = 0) {
      return (stmt.audit.all(name, fromSeq) as UpdateAuditRow[]).map(updateAuditFromRow);
    },

    async appendEvent(e: DocEvent) {
      stmt.insertEvent.run(e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at);
    },

    async listEvents(name) {
      return (stmt.events.all(name) as EventRow[]).map(eventFromRow);
    },
  };
}
