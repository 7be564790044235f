/**
 * The audit trail as the API shows it (`GET /api/audit`): which actions are recorded, one
 * entry's shape and the list's filters. The server validates the query with these schemas;
 * the client's audit page names the actions with the same list.
 */
import { z } from 'zod';

/** Every action the trail records. New ones are added at the end (stored rows keep their name). */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'invitation_created',
  'invitation_accepted',
  'account_created',
  'account_disabled',
  'account_enabled',
  'role_changed',
  'rights_changed',
  'password_reset',
  'password_reset_requested',
  'lead_agency_moved',
  'cycle_created',
  'snapshot_taken',
  'section_restored',
  'imported',
  'published',
  'exported',
  'comment_moderated',
  'comment_answered',
  'suggestion_decided',
  'link_added',
  'link_removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a person's account, or an administrator at the server's command line (`cli:<os user>`). */
export interface AuditActor {
  userId: string;
  name: string;
  affiliation: string;
}

export interface AuditEntryView {
  id: number;
  /** ISO time. */
  at: string;
  actor: AuditActor;
  action: AuditAction;
  /** What it was done to: an account's e-mail, a commitment, a cycle, a plan… */
  target: string;
  details: Record<string, unknown>;
  /** The address the request came from ('' for the command line). */
  address: string;
}

export interface AuditListResponse {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null when this was the last. */
  next: number | null;
}

const time = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'use an ISO date or time such as 2026-12-01 or 2026-12-01T09:00:00Z');

export const auditQuery = z.object({
  actor: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  target: z.string().max(300).optional(),
  /** Entries at or after this time. */
  from: time.optional(),
  /** Entries before this time. */
  to: time.optional(),
  /** Entries with a smaller id (the next page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof auditQuery>;
