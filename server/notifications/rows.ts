/** Row ↔ record mapping shared by both adapters (the columns are the same in both migrations). */
import type { NotificationKind, NotificationView } from '../../shared/protocol/notifications.js';
import type { NotificationRecord } from './store.js';

export interface NotificationRow {
  id: string; user_id: string; kind: string; commitment_id: string; commitment: string;
  actor_name: string; excerpt: string; due: string; created_at: string; read_at: string | null;
}

export function toView(r: NotificationRow): NotificationView {
  let commitment = { number: '', zh: '', en: '' };
  try {
    commitment = { ...commitment, ...(JSON.parse(r.commitment) as typeof commitment) };
  } catch {
    /* an unreadable label shows as the id alone */
  }
  return {
    id: r.id, kind: r.kind as NotificationKind, commitmentId: r.commitment_id, commitment,
    actor: { name: r.actor_name }, excerpt: r.excerpt, due: r.due ?? '', createdAt: r.created_at, readAt: r.read_at,
  };
}

export const insertParams = (n: NotificationRecord) => [
  n.id, n.userId, n.kind, n.commitmentId, JSON.stringify(n.commitment), n.actor.name, n.excerpt, n.createdAt, n.due,
];

export const INSERT = `INSERT INTO notifications (id, user_id, kind, commitment_id, commitment, actor_name, excerpt, created_at, due, read_at)`;
