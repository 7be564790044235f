/**
 * The notification centre: tells people what needs them — a mention, a reply in their thread,
 * a public comment waiting on a commitment they write, a decision on their suggestion — in
 * the bell, and by e-mail unless they turned it off. Who is told is decided here from the
 * server's own state (stored comments, rights rows, accounts), never from a client's list,
 * and nothing here ever makes the request that caused it fail or wait for mail.
 */
import { randomUUID } from 'node:crypto';
import type { User } from '../../shared/protocol/auth.js';
import {
  MAX_NOTIFICATIONS_PER_PERSON,
  NOTIFICATION_EXCERPT_CHARS,
  type NotificationKind,
  type NotificationSettings,
  type NotificationsResponse,
  type ReadNotificationsBody,
  type ReminderKind,
} from '../../shared/protocol/notifications.js';
import type { SuggestionEvent } from '../suggestions/index.js';
import { commitmentOfCommentDoc } from '../../shared/protocol/docNames.js';
import type { Account } from '../auth/types.js';
import type { Catalog } from '../plans/catalog.js';
import type { Logger } from '../log.js';
import { readAccess } from '../rights/read.js';
import type { Store, UpdateToAppend } from '../storage/index.js';
import type { Room } from '../sync/room.js';
import type { Rooms } from '../sync/rooms.js';
import { mentionedAccounts, newComments } from './commentChanges.js';
import type { MailQueue } from './mailQueue.js';
import { notificationMail } from './mailText.js';
import type { NotificationRecord, NotificationStore } from './store.js';

export interface NotificationDeps {
  store: Store;
  rooms: Rooms;
  catalog: Catalog;
  notifications: NotificationStore;
  logger: Logger;
  /** Absent without `GONGBI_SMTP_URL`: the bell only. */
  mail: MailQueue | null;
  /** The site's address for links in e-mail (`GONGBI_PUBLIC_ORIGIN`; empty: links are paths). */
  origin: string;
}

/** A reminder's content, before it is addressed to a person. */
export interface Reminder {
  kind: ReminderKind;
  commitmentId: string;
  commitment: NotificationRecord['commitment'];
  excerpt: string;
  due: string;
}

/** What happened, before it is addressed to each person. */
interface Happening {
  kind: NotificationKind;
  commitmentId: string;
  actor: string;
  excerpt: string;
}

/** E-mail is on until a person turns it off; mail is in zh-TW until they save settings in English. */
export const DEFAULT_SETTINGS: NotificationSettings = { email: true, lang: 'zh' };

const excerptOf = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > NOTIFICATION_EXCERPT_CHARS ? chars.slice(0, NOTIFICATION_EXCERPT_CHARS - 1).join('') + '…' : chars.join('');
};

export class Notifications {
  /** Work started by events, awaited by `idle()` (tests, shutdown); never by the request. */
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: NotificationDeps) {}

  // ---- reading and marking (the signed-in person's own only) ----------------------------

  async list(user: User, limit = 50): Promise<NotificationsResponse> {
    const [notifications, unread] = await Promise.all([this.deps.notifications.list(user.id, limit), this.deps.notifications.unreadCount(user.id)]);
    return { notifications, unread };
  }

  async markRead(user: User, body: ReadNotificationsBody): Promise<{ marked: number; unread: number }> {
    const marked = await this.deps.notifications.markRead(user.id, 'all' in body ? 'all' : [...new Set(body.ids)], new Date().toISOString());
    return { marked, unread: await this.deps.notifications.unreadCount(user.id) };
  }

  async settings(user: User): Promise<NotificationSettings> {
    return (await this.deps.notifications.getSettings(user.id)) ?? DEFAULT_SETTINGS;
  }

  async saveSettings(user: User, body: { email: boolean; lang?: NotificationSettings['lang'] }): Promise<NotificationSettings> {
    const next: NotificationSettings = { email: body.email, lang: body.lang ?? (await this.settings(user)).lang };
    await this.deps.notifications.putSettings(user.id, next);
    return next;
  }

  // ---- events ----------------------------------------------------------------------------

  /** Stored updates of any room (Rooms' `onStored`): new comments in a comment document. */
  readonly onStored = (room: Room, updates: UpdateToAppend[]): void => {
    if (room.kind !== 'comments') return;
    const commitmentId = commitmentOfCommentDoc(room.name);
    if (!commitmentId) return;
    const found = updates.flatMap((u) => (u.author.userId === 'system' ? [] : newComments(room.doc, u.update, u.author.userId)));
    if (found.length) this.track(this.commentsAdded(commitmentId, found));
  };

  /** A suggestion was decided: its author is told (unless they decided it themselves). */
  readonly onSuggestionEvent = (event: SuggestionEvent): void => {
    if (event.type !== 'decided' || !event.suggestion.decision) return;
    const s = event.suggestion;
    const kind = s.status === 'accepted' ? 'suggestion_accepted' : 'suggestion_declined';
    if (s.decision!.by.userId === s.author.userId) return;
    this.track(this.tell([s.author.userId], { kind, commitmentId: s.commitmentId, actor: s.decision!.by.name, excerpt: s.decision!.reason }));
  };

  /** A public comment was stored and waits for moderation: the commitment's writers are told. */
  readonly onPublicComment = (c: { commitmentId: string; name: string; text: string }): void => {
    this.track(
      (async () => {
        const writers: string[] = [];
        for (const a of await this.activeAccounts()) {
          if ((await readAccess(this.deps, a, c.commitmentId)) === 'write') writers.push(a.id);
        }
        await this.tell(writers, { kind: 'public_comment', commitmentId: c.commitmentId, actor: c.name, excerpt: c.text });
      })(),
    );
  };

  /** Resolves once every notification started so far is stored and its mail queued. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private track(work: Promise<void>): void {
    const p = work.catch((err) => this.deps.logger.error('a notification could not be made', { error: String(err) }));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  private async activeAccounts(): Promise<Account[]> {
    return (await this.deps.store.listUsers()).filter((a) => a.disabledAt === null);
  }

  private async commentsAdded(commitmentId: string, comments: ReturnType<typeof newComments>): Promise<void> {
    const accounts = await this.activeAccounts();
    for (const c of comments) {
      // Mentioned: the `@Name` of an existing account written in the stored text, whatever the client's list says.
      const mentioned = new Set(mentionedAccounts(c.text, accounts).map((a) => a.id));
      mentioned.delete(c.authorId);
      await this.tell([...mentioned], { kind: 'mention', commitmentId, actor: c.authorName, excerpt: c.text });
      const opener = c.threadAuthorId;
      if (c.isReply && opener && opener !== c.authorId && !mentioned.has(opener) && accounts.some((a) => a.id === opener)) {
        await this.tell([opener], { kind: 'reply', commitmentId, actor: c.authorName, excerpt: c.text });
      }
    }
  }

  /** Stores one notification per person and queues its mail for those who want mail. */
  private async tell(userIds: string[], h: Happening): Promise<void> {
    if (userIds.length === 0) return;
    const { summary } = await this.deps.catalog.getCommitment(h.commitmentId);
    const commitment = { number: summary.number, zh: summary.title.zh, en: summary.title.en };
    const createdAt = new Date().toISOString();
    for (const userId of new Set(userIds)) {
      await this.deliver({ id: newId(), userId, kind: h.kind, commitmentId: h.commitmentId, commitment, actor: { name: h.actor }, excerpt: excerptOf(h.excerpt), due: '', createdAt });
    }
  }

  /**
   * A reminder for one person (server/notifications/reminders.ts), made only if `key` was
   * never claimed before — in this run, an earlier one, or another process. True when made.
   */
  async remind(userId: string, key: string, r: Reminder): Promise<boolean> {
    const createdAt = new Date().toISOString();
    if (!(await this.deps.notifications.claimReminder(key, createdAt))) return false;
    await this.deliver({ id: newId(), userId, kind: r.kind, commitmentId: r.commitmentId, commitment: r.commitment, actor: { name: '' }, excerpt: excerptOf(r.excerpt), due: r.due, createdAt });
    return true;
  }

  private async deliver(record: NotificationRecord): Promise<void> {
    await this.deps.notifications.add(record, MAX_NOTIFICATIONS_PER_PERSON);
    if (!this.deps.mail) return;
    const settings = await this.settings({ id: record.userId } as User);
    const account = settings.email ? await this.deps.store.getUserById(record.userId) : null;
    if (account?.email) this.deps.mail.enqueue(notificationMail(record, account, settings.lang, this.deps.origin));
  }
}

const newId = () => `nt_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
