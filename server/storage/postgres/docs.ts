/**
 * PostgreSQL's document store: documents, the update log and its compaction, events. Every
 * append is one transaction that allocates its seqs by incrementing the document row's
 * `last_seq` (the row lock orders appenders from every process); only one process compacts
 * a document at a time.
 */
import type pg from 'pg';
import type { DocKind } from '../../../shared/protocol/docNames.js';
import type { DocAppend, DocEvent, DocRecord, DocStore, LoadedDoc, UpdateToAppend } from '../docs.js';
import { assertDistinct } from '../guards.js';
import { bytes, DOC_COLUMNS, docFromRow, eventFromRow, num, ownerFromRow, updateAuditFromRow, type DocRow, type EventRow, type OwnerRow, type UpdateAuditRow } from '../rows.js';
import type { Tx } from './store.js';

export type PostgresDocs = Omit<DocStore, 'kind' | 'syncLog' | 'integrityCheck' | 'ping' | 'storeId' | 'close'>;

export function postgresDocs(pool: pg.Pool, tx: Tx): PostgresDocs {
  return {
    async createDocument(name: string, kind: DocKind, planId: string): Promise<DocRecord> {
      const now = new Date().toISOString();
      await pool.query(`INSERT INTO documents (name, kind, plan_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (name) DO NOTHING`, [name, kind, planId, now]);
      return (await this.getDocument(name))!;
    },

    async getDocument(name: string): Promise<DocRecord | null> {
      const { rows } = await pool.query<DocRow>(`SELECT ${DOC_COLUMNS} FROM documents WHERE name = $1`, [name]);
      return rows[0] ? docFromRow(rows[0]) : null;
    },

    async listDocuments(filter: { kind?: DocKind; planId?: string } = {}): Promise<DocRecord[]> {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.kind) { args.push(filter.kind); where.push(`kind = $${args.length}`); }
      if (filter.planId !== undefined) { args.push(filter.planId); where.push(`plan_id = $${args.length}`); }
      const sql = `SELECT ${DOC_COLUMNS} FROM documents ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY name COLLATE "C"`;
      return (await pool.query<DocRow>(sql, args)).rows.map(docFromRow);
    },

    async appendUpdates(name: string, updates: UpdateToAppend[]): Promise<number> {
      if (updates.length === 0) {
        const { rows } = await pool.query(`SELECT last_seq FROM documents WHERE name = $1`, [name]);
        return rows[0] ? num(rows[0].last_seq) : 0;
      }
      return (await this.appendMany([{ name, updates }]))[0]!;
    },

    async appendMany(writes: DocAppend[]): Promise<number[]> {
      assertDistinct(writes);
      const names = writes.map((w) => w.name);
      // Checked before the round trip; the NOT NULL column would refuse it anyway.
      for (const w of writes) for (const u of w.updates) if (!(u.update instanceof Uint8Array)) throw new Error('an update must be bytes');
      const nonEmpty = writes.filter((w) => w.updates.length > 0);
      return tx(async (c) => {
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
    },

    async loadDocument(name: string): Promise<LoadedDoc> {
      const { rows } = await pool.query(`SELECT last_seq, compacted_seq, state FROM documents WHERE name = $1`, [name]);
      const row = rows[0];
      if (!row) throw new Error(`unknown document ${name}`);
      const compactedSeq = num(row.compacted_seq);
      const lastSeq = num(row.last_seq);
      // Logged updates are never deleted, so reading the tail after the row is consistent even
      // if another process compacts or appends in between; `<= lastSeq` keeps the pair exact.
      const tail = await pool.query(`SELECT data FROM updates WHERE doc = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`, [name, compactedSeq, lastSeq]);
      // Read after the row: an owner bound since is there too (bound in the append's transaction).
      const owners = await pool.query<OwnerRow>(`SELECT client_id, user_id FROM doc_client_owners WHERE doc = $1`, [name]);
      const clientOwners = owners.rows.map(ownerFromRow);
      return { state: row.state ? bytes(row.state) : null, compactedSeq, updates: tail.rows.map((r) => bytes(r.data)), lastSeq, clientOwners };
    },

    /**
     * Only one process compacts a document at a time: a second one that finds the lock taken
     * skips (the other's result is as good). Never goes backwards, never past the log.
     */
    async compact(name: string, state: Uint8Array, upToSeq: number): Promise<void> {
      await tx(async (c) => {
        const { rows } = await c.query(`SELECT pg_try_advisory_xact_lock(hashtext('gongbi:compact'), hashtext(current_schema() || ':' || $1)) AS ok`, [name]);
        if (!rows[0]?.ok) return;
        await c.query(`UPDATE documents SET state = $2, compacted_seq = $3 WHERE name = $1 AND compacted_seq <= $3 AND last_seq >= $3`, [name, state, upToSeq]);
      });
    },

    async pendingUpdateCount(name: string): Promise<number> {
      const { rows } = await pool.query(`SELECT last_seq - compacted_seq AS n FROM documents WHERE name = $1`, [name]);
      return rows[0] ? num(rows[0].n) : 0;
    },

    async listUpdateAudit(name: string, fromSeq = 0) {
      const { rows } = await pool.query<UpdateAuditRow>(
        `SELECT seq, user_id, user_name, affiliation, received_at, octet_length(data) AS size FROM updates WHERE doc = $1 AND seq >= $2 ORDER BY seq`,
        [name, fromSeq],
      );
      return rows.map(updateAuditFromRow);
    },

    async appendEvent(e: DocEvent): Promise<void> {
      await pool.query(
        `INSERT INTO doc_events (doc, type, data, user_id, user_name, affiliation, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [e.name, e.type, JSON.stringify(e.data), e.author.userId, e.author.name, e.author.affiliation, e.at],
      );
    },

    async listEvents(name: string): Promise<DocEvent[]> {
      const { rows } = await pool.query<EventRow>(`SELECT doc, type, data, user_id, user_name, affiliation, at FROM doc_events WHERE doc = $1 ORDER BY id`, [name]);
      return rows.map(eventFromRow);
    },
  };
}
