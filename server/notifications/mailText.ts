/**
 * The words of a notification e-mail, in the recipient's language (zh-TW unless they chose
 * English): plain text with the link to the commitment. The in-app bell words the same kinds
 * from the client's dictionaries; these are the server's, for mail only.
 */
import type { NotificationKind, NotificationSettings } from '../../shared/protocol/notifications.js';
import type { Mail } from '../mail/mailer.js';
import type { NotificationRecord } from './store.js';

type Lang = NotificationSettings['lang'];

const WHAT: Record<Lang, Record<NotificationKind, (actor: string, due: string) => string>> = {
  zh: {
    mention: (a) => `${a} 在留言中提到您`,
    reply: (a) => `${a} 回覆了您的留言串`,
    public_comment: (a) => `民眾「${a}」的留言等待審核`,
    suggestion_accepted: (a) => `${a} 採納了您的修改建議`,
    suggestion_declined: (a) => `${a} 未採納您的修改建議`,
    milestone_due: (_a, d) => `里程碑將於 ${d} 到期`,
    milestone_overdue: (_a, d) => `里程碑已逾期（應於 ${d} 完成）`,
    review_meeting: (_a, d) => `檢討會議將於 ${d} 舉行`,
  },
  en: {
    mention: (a) => `${a} mentioned you in a comment`,
    reply: (a) => `${a} replied to your comment thread`,
    public_comment: (a) => `A public comment by "${a}" is waiting for moderation`,
    suggestion_accepted: (a) => `${a} accepted your suggestion`,
    suggestion_declined: (a) => `${a} declined your suggestion`,
    milestone_due: (_a, d) => `A milestone is due on ${d}`,
    milestone_overdue: (_a, d) => `A milestone is overdue (due ${d})`,
    review_meeting: (_a, d) => `A review meeting is on ${d}`,
  },
};

const WORDS = {
  zh: { hello: (n: string) => `${n} 您好：`, on: '承諾事項', open: '開啟承諾事項：', off: '不想再收到這類信件？在共筆右上角的通知面板關閉電子郵件通知。', subject: '共筆通知' },
  en: { hello: (n: string) => `Hello ${n},`, on: 'Commitment', open: 'Open the commitment:', off: 'To stop these e-mails, turn e-mail off in the notification panel at the top of Gongbi.', subject: 'Gongbi' },
};

/** The mail telling `to` of `n`; `origin` is the site's address (links are absolute in mail). */
export function notificationMail(n: NotificationRecord, to: { email: string; name: string }, lang: Lang, origin: string): Mail {
  const w = WORDS[lang];
  const what = WHAT[lang][n.kind](n.actor.name, n.due);
  const title = `${n.commitment.number} ${lang === 'en' ? n.commitment.en || n.commitment.zh : n.commitment.zh}`.trim() || n.commitmentId;
  const path = n.kind === 'review_meeting' ? `/plans/${encodeURIComponent(n.commitmentId)}/cycles` : `/c/${encodeURIComponent(n.commitmentId)}`;
  const link = `${origin.replace(/\/$/, '')}${path}`;
  return {
    to: to.email,
    subject: `${w.subject}: ${what}`,
    text: [w.hello(to.name), '', `${what}。`.replace(/。$/, lang === 'en' ? '.' : '。'), `${w.on}: ${title}`, ...(n.excerpt ? ['', `「${n.excerpt}」`] : []), '', w.open, link, '', w.off].join('\n'),
  };
}
