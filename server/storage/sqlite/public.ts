/** SQLite's public store: publications, public comments, cross-links and the server's secrets. */
import type Database from 'better-sqlite3';
import type { PublicStore } from '../public.js';
import { linkFromRow, publicationFromRow, type LinkRow, type PublicationRow } from '../rows.js';
import { PUBLIC_COMMENT_COLUMNS, publicCommentFromRow, publicCommentValues, type PublicCommentRow } from '../publicRows.js';

export function sqlitePublic(db: Database.Database): PublicStore {
  return {
    async publishCycle(p) {
      db
        .prepare(`INSERT INTO publications (cycle_id, plan_id, published_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (cycle_id) DO UPDATE SET published_at = excluded.published_at, user_id = excluded.user_id, user_name = excluded.user_name, affiliation = excluded.affiliation`)
        .run(p.cycleId, p.planId, p.publishedAt, p.publishedBy.userId, p.publishedBy.name, p.publishedBy.affiliation);
    },

    async listPublications(planId) {
      const rows = db.prepare(`SELECT * FROM publications WHERE plan_id = ? ORDER BY published_at DESC, cycle_id`).all(planId) as PublicationRow[];
      return rows.map(publicationFromRow);
    },

    async addPublicComment(c) {
      const marks = PUBLIC_COMMENT_COLUMNS.map(() => '?').join(', ');
      db.prepare(`INSERT INTO public_comments (${PUBLIC_COMMENT_COLUMNS.join(', ')}) VALUES (${marks})`).run(...publicCommentValues(c));
    },

    async getPublicComment(id) {
      const row = db.prepare(`SELECT * FROM public_comments WHERE id = ?`).get(id) as PublicCommentRow | undefined;
      return row ? publicCommentFromRow(row) : null;
    },

    async listPublicComments(filter) {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.planId !== undefined) { where.push('plan_id = ?'); args.push(filter.planId); }
      if (filter.commitmentId !== undefined) { where.push('commitment_id = ?'); args.push(filter.commitmentId); }
      if (filter.status !== undefined) { where.push('status = ?'); args.push(filter.status); }
      const sql = `SELECT * FROM public_comments ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id`;
      return (db.prepare(sql).all(...args) as PublicCommentRow[]).map(publicCommentFromRow);
    },

    async countRecentPublicComments(ipHash, since) {
      return (db.prepare(`SELECT COUNT(*) AS n FROM public_comments WHERE ip_hash = ? AND created_at >= ?`).get(ipHash, since) as { n: number }).n;
    },

    async moderatePublicComment(id, status, by, at) {
      return db
        .prepare(`UPDATE public_comments SET status = ?, moderated_by = ?, moderated_name = ?, moderated_affil = ?, moderated_at = ? WHERE id = ?`)
        .run(status, by.userId, by.name, by.affiliation, at, id).changes === 1;
    },

    async respondToPublicComment(id, text, by, at) {
      return db
        .prepare(`UPDATE public_comments SET response = ?, responded_by = ?, responded_name = ?, responded_affil = ?, responded_at = ? WHERE id = ?`)
        .run(text, by.userId, by.name, by.affiliation, at, id).changes === 1;
    },

    async addLink(l) {
      return db.transaction((): boolean => {
        const existed = db.prepare(`SELECT 1 FROM commitment_links WHERE from_id = ? AND to_id = ?`).get(l.from, l.to) !== undefined;
        db
          .prepare(`INSERT INTO commitment_links (from_id, to_id, note, created_at, user_id, user_name, affiliation) VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (from_id, to_id) DO UPDATE SET note = excluded.note`)
          .run(l.from, l.to, l.note, l.createdAt, l.createdBy.userId, l.createdBy.name, l.createdBy.affiliation);
        return !existed;
      })();
    },

    async removeLink(from, to) {
      return db.prepare(`DELETE FROM commitment_links WHERE from_id = ? AND to_id = ?`).run(from, to).changes === 1;
    },

    async listLinks(commitmentId) {
      const sql = (col: string) => `SELECT * FROM commitment_links WHERE ${col} = ? ORDER BY created_at, from_id, to_id`;
      return {
        outgoing: (db.prepare(sql('from_id')).all(commitmentId) as LinkRow[]).map(linkFromRow),
        incoming: (db.prepare(sql('to_id')).all(commitmentId) as LinkRow[]).map(linkFromRow),
      };
    },

    async serverSecret(name, candidate) {
      db.prepare(`INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`).run(name, candidate);
      return (db.prepare(`SELECT value FROM server_secrets WHERE name = ?`).get(name) as { value: string }).value;
    },
  };
}
