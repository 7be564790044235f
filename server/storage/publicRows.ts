/** Row ↔ record conversion of public comments, shared by the SQLite and PostgreSQL adapters. */
import type { UpdateAuthor } from './docs.js';
import type { PublicComment, PublicCommentStatus } from './public.js';

/** The columns of `public_comments`, in the order `publicCommentValues` returns them. */
export const PUBLIC_COMMENT_COLUMNS = [
  'id', 'plan_id', 'commitment_id', 'milestone_id', 'cycle_id', 'name', 'email', 'text', 'status', 'created_at', 'ip_hash',
  'moderated_by', 'moderated_name', 'moderated_affil', 'moderated_at',
  'response', 'responded_by', 'responded_name', 'responded_affil', 'responded_at',
] as const;

export type PublicCommentRow = Record<(typeof PUBLIC_COMMENT_COLUMNS)[number], string | number | null>;

export function publicCommentValues(c: PublicComment): Array<string | number | null> {
  return [
    c.id, c.planId, c.commitmentId, c.milestoneId, c.cycleId, c.name, c.email, c.text, c.status, c.createdAt, c.ipHash,
    c.moderatedBy?.userId ?? null, c.moderatedBy?.name ?? null, c.moderatedBy?.affiliation ?? null, c.moderatedAt,
    c.response?.text ?? null, c.response?.by.userId ?? null, c.response?.by.name ?? null, c.response?.by.affiliation ?? null, c.response?.at ?? null,
  ];
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** PostgreSQL returns BIGINT as a string; our epoch milliseconds fit a double. */
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const author = (id: unknown, name: unknown, affiliation: unknown): UpdateAuthor | null =>
  id === null || id === undefined ? null : { userId: String(id), name: String(name), affiliation: String(affiliation) };

export function publicCommentFromRow(r: PublicCommentRow): PublicComment {
  const respondedBy = author(r.responded_by, r.responded_name, r.responded_affil);
  return {
    id: String(r.id),
    planId: String(r.plan_id),
    commitmentId: String(r.commitment_id),
    milestoneId: str(r.milestone_id),
    cycleId: String(r.cycle_id),
    name: String(r.name),
    email: str(r.email),
    text: String(r.text),
    status: r.status as PublicCommentStatus,
    createdAt: Number(r.created_at),
    ipHash: String(r.ip_hash),
    moderatedBy: author(r.moderated_by, r.moderated_name, r.moderated_affil),
    moderatedAt: num(r.moderated_at),
    response: r.response !== null && respondedBy ? { text: String(r.response), by: respondedBy, at: Number(r.responded_at) } : null,
  };
}
