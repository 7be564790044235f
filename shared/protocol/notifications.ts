/**
 * The notification centre's API: what `GET /api/notifications` answers and what the read and
 * settings routes accept, shared so the bell builds exactly what the server checks.
 */
import { z } from 'zod';

/** What a notification is about; the client words each kind in the reader's language. */
export const NOTIFICATION_KINDS = [
  'mention', 'reply', 'public_comment', 'suggestion_accepted', 'suggestion_declined',
  // Reminders (server/notifications/reminders.ts): a milestone due soon or overdue, a review meeting coming up.
  'milestone_due', 'milestone_overdue', 'review_meeting',
] as const;
export type ReminderKind = 'milestone_due' | 'milestone_overdue' | 'review_meeting';
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Notifications kept per person: the newest ones; older ones are dropped as new ones arrive. */
export const MAX_NOTIFICATIONS_PER_PERSON = 500;
/** Most notifications one `GET /api/notifications` answers (`?limit`, default 50). */
export const MAX_NOTIFICATIONS_PAGE = 200;
/** Most ids one `POST /api/notifications/read` marks. */
export const MAX_READ_IDS = 500;
/** Longest excerpt kept with a notification (characters). */
export const NOTIFICATION_EXCERPT_CHARS = 200;

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  /** The commitment it is about; for `review_meeting`, the plan's id (the link goes to its review meetings). */
  commitmentId: string;
  /** The commitment's number and zh/en title when the notification was made (for `review_meeting`, the plan's title). */
  commitment: { number: string; zh: string; en: string };
  /** Who did it (a public commenter's chosen name for public comments). */
  actor: { name: string };
  /** A short excerpt of what was written (comment text, decision reason); may be empty. */
  excerpt: string;
  /** For reminders, the milestone's due date or the meeting's date (YYYY-MM-DD); '' otherwise. */
  due: string;
  /** ISO time. */
  createdAt: string;
  /** ISO time it was read; null while unread. */
  readAt: string | null;
}

export interface NotificationsResponse {
  notifications: NotificationView[];
  /** Unread notifications in all (not only in this page). */
  unread: number;
}

export const notificationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATIONS_PAGE).optional(),
});

export const readBodySchema = z.union([
  z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_READ_IDS) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type ReadNotificationsBody = z.infer<typeof readBodySchema>;

export const NOTIFICATION_LANGS = ['zh', 'en'] as const;

export interface NotificationSettings {
  /** E-mail a copy of each notification. */
  email: boolean;
  /** The language of those e-mails (the UI language the person last saved settings in); zh-TW by default. */
  lang: (typeof NOTIFICATION_LANGS)[number];
}

export const settingsBody = z.object({ email: z.boolean(), lang: z.enum(NOTIFICATION_LANGS).optional() }).strict();
