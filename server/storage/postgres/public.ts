/** PostgreSQL's public store: publications, public comments, cross-links and the server's secrets. */
import type pg from 'pg';
import type { UpdateAuthor } from '../docs.js';
import type { CommitmentLink, Publication, PublicComment, PublicCommentStatus, PublicStore } from '../public.js';
import { PUBLIC_COMMENT_COLUMNS, publicCommentFromRow, publicCommentValues, type PublicCommentRow } from '../publicRows.js';
import { linkFromRow, num, publicationFromRow, type LinkRow, type PublicationRow } from '../rows.js';

export function postgresPublic(pool: pg.Pool): PublicStore {
  return {
    async publishCycle(p: Publication): Promise<void> {
      await pool.query(
        `INSERT INTO publications (cycle_id, plan_id, published_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (cycle_id) DO UPDATE SET published_at = EXCLUDED.published_at, user_id = EXCLUDED.user_id, user_name = EXCLUDED.user_name, affiliation = EXCLUDED.affiliation`,
        [p.cycleId, p.planId, p.publishedAt, p.publishedBy.userId, p.publishedBy.name, p.publishedBy.affiliation],
      );
    },

    async listPublications(planId: string): Promise<Publication[]> {
      const { rows } = await pool.query<PublicationRow>(`SELECT * FROM publications WHERE plan_id = $1 ORDER BY published_at DESC, cycle_id COLLATE "C"`, [planId]);
      return rows.map(publicationFromRow);
    },

    async addPublicComment(c: PublicComment): Promise<void> {
      const marks = PUBLIC_COMMENT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      await pool.query(`INSERT INTO public_comments (${PUBLIC_COMMENT_COLUMNS.join(', ')}) VALUES (${marks})`, publicCommentValues(c));
    },

    async getPublicComment(id: string): Promise<PublicComment | null> {
      const { rows } = await pool.query<PublicCommentRow>(`SELECT * FROM public_comments WHERE id = $1`, [id]);
      return rows[0] ? publicCommentFromRow(rows[0]) : null;
    },

    async listPublicComments(filter: { planId?: string; commitmentId?: string; status?: PublicCommentStatus }): Promise<PublicComment[]> {
      const where: string[] = [];
      const args: string[] = [];
      if (filter.planId !== undefined) { args.push(filter.planId); where.push(`plan_id = $${args.length}`); }
      if (filter.commitmentId !== undefined) { args.push(filter.commitmentId); where.push(`commitment_id = $${args.length}`); }
      if (filter.status !== undefined) { args.push(filter.status); where.push(`status = $${args.length}`); }
      const sql = `SELECT * FROM public_comments ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at, id COLLATE "C"`;
      return (await pool.query<PublicCommentRow>(sql, args)).rows.map(publicCommentFromRow);
    },

    async countRecentPublicComments(ipHash: string, since: number): Promise<number> {
      const { rows } = await pool.query(`SELECT COUNT(*) AS n FROM public_comments WHERE ip_hash = $1 AND created_at >= $2`, [ipHash, since]);
      return num(rows[0]?.n ?? 0);
    },

    async moderatePublicComment(id: string, status: PublicCommentStatus, by: UpdateAuthor, at: number): Promise<boolean> {
      const res = await pool.query(
        `UPDATE public_comments SET status = $1, moderated_by = $2, moderated_name = $3, moderated_affil = $4, moderated_at = $5 WHERE id = $6`,
        [status, by.userId, by.name, by.affiliation, at, id],
      );
      return res.rowCount === 1;
    },

    async respondToPublicComment(id: string, text: string, by: UpdateAuthor, at: number): Promise<boolean> {
      const res = await pool.query(
        `UPDATE public_comments SET response = $1, responded_by = $2, responded_name = $3, responded_affil = $4, responded_at = $5 WHERE id = $6`,
        [text, by.userId, by.name, by.affiliation, at, id],
      );
      return res.rowCount === 1;
    },

    async addLink(l: CommitmentLink): Promise<boolean> {
      // xmax = 0 only on a freshly inserted row: tells "new" from "note replaced" in one statement.
      const { rows } = await pool.query(
        `INSERT INTO commitment_links (from_id, to_id, note, created_at, user_id, user_name, affiliation) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (from_id, to_id) DO UPDATE SET note = EXCLUDED.note RETURNING (xmax = 0) AS inserted`,
        [l.from, l.to, l.note, l.createdAt, l.createdBy.userId, l.createdBy.name, l.createdBy.affiliation],
      );
      return rows[0]?.inserted === true;
    },

    async removeLink(from: string, to: string): Promise<boolean> {
      const res = await pool.query(`DELETE FROM commitment_links WHERE from_id = $1 AND to_id = $2`, [from, to]);
      return res.rowCount === 1;
    },

    async listLinks(commitmentId: string): Promise<{ outgoing: CommitmentLink[]; incoming: CommitmentLink[] }> {
      const sql = (col: string) => `SELECT * FROM commitment_links WHERE ${col} = $1 ORDER BY created_at, from_id COLLATE "C", to_id COLLATE "C"`;
      const [outgoing, incoming] = await Promise.all([pool.query<LinkRow>(sql('from_id'), [commitmentId]), pool.query<LinkRow>(sql('to_id'), [commitmentId])]);
      return { outgoing: outgoing.rows.map(linkFromRow), incoming: incoming.rows.map(linkFromRow) };
    },

    async serverSecret(name: string, candidate: string): Promise<string> {
      await pool.query(`INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [name, candidate]);
      const { rows } = await pool.query(`SELECT value FROM server_secrets WHERE name = $1`, [name]);
      return rows[0].value as string;
    },
  };
}
