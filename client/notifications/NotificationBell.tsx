/**
 * The bell in the header: the unread count (seen and spoken), and a panel of one's
 * notifications, newest first, each linking to its commitment, with "mark all read" and the
 * e-mail switch. Keyboard: the bell opens with Enter or Space, arrows (or Tab) move through the
 * items, Escape closes and gives focus back to the bell.
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { NotificationView } from '../../shared/protocol/notifications.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { formatDate, formatDateTime, formatRelative } from '../i18n/format.js';
import type { MessageKey } from '../i18n/zh.js';
import { Link } from '../router/Link.js';
import { BellIcon } from '../ui/icons.js';
import { notificationsApi } from './api.js';
import { useNotifications } from './useNotifications.js';
import './notifications.css';

const hrefOf = (n: NotificationView) =>
  n.kind === 'review_meeting' ? `/plans/${encodeURIComponent(n.commitmentId)}/cycles` : `/c/${encodeURIComponent(n.commitmentId)}`;

export function NotificationBell() {
  const { t, lang } = useI18n();
  const { items, unread, loaded, failed, markAllRead, markRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState<boolean | null>(null);
  const [settingsFailed, setSettingsFailed] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLElement>(null);
  const panelId = useId();
  const headingId = useId();

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  // Opening moves focus into the panel: to the newest item, or the first control when empty.
  useEffect(() => {
    if (!open) return;
    const first = panelRef.current?.querySelector<HTMLElement>('.bell-item') ?? panelRef.current?.querySelector<HTMLElement>('button:not(:disabled), input:not(:disabled)');
    (first ?? panelRef.current)?.focus();
  }, [open]);

  // The e-mail setting is read when the panel first opens (it is rarely changed).
  useEffect(() => {
    if (!open || email !== null) return;
    notificationsApi.settings().then((s) => setEmail(s.email), () => setSettingsFailed(true));
  }, [open, email]);

  // A click or focus outside closes it, leaving focus where the person put it.
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  const onPanelKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
      return;
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const links = [...(panelRef.current?.querySelectorAll<HTMLElement>('.bell-item') ?? [])];
    if (links.length === 0) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? links.length - 1 : e.key === 'ArrowDown' ? (at + 1) % links.length : (at - 1 + links.length) % links.length;
    links[next]!.focus();
  };

  const toggleEmail = async (next: boolean) => {
    setEmail(next);
    setSettingsFailed(false);
    // Mail goes out in the language the person uses the app in when they set it.
    await notificationsApi.saveSettings({ email: next, lang }).then(
      (s) => setEmail(s.email),
      () => {
        setEmail(!next);
        setSettingsFailed(true);
      },
    );
  };

  const label = loaded && unread > 0 ? t('notifBell', { count: unread }) : t('notifBellNone');
  const what = (n: NotificationView) => t(`notifKind_${n.kind}` as MessageKey, { actor: n.actor.name, due: n.due ? formatDate(n.due, lang) : '' });
  const about = (n: NotificationView) => `${n.commitment.number} ${lang === 'en' ? n.commitment.en || n.commitment.zh : n.commitment.zh}`.trim() || n.commitmentId;

  return (
    <div className="bell" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button small bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <BellIcon />
        {loaded && unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <section ref={panelRef} id={panelId} className="bell-panel" role="dialog" aria-modal="false" aria-labelledby={headingId} tabIndex={-1} onKeyDown={onPanelKey}>
          <div className="bell-panel__head">
            <h2 id={headingId}>{t('notifTitle')}</h2>
            <button type="button" className="link-button" onClick={() => void markAllRead()} disabled={unread === 0}>
              {t('notifMarkAll')}
            </button>
          </div>
          {failed && <p className="bell-note" role="status">{t('notifFailed')}</p>}
          {items.length === 0 ? (
            <p className="bell-note">{t('notifEmpty')}</p>
          ) : (
            <ul className="bell-list">
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'bell-read' : 'bell-unread'}>
                  <Link
                    href={hrefOf(n)}
                    className="bell-item"
                    onClick={() => {
                      if (!n.readAt) void markRead(n.id).catch(() => {});
                      setOpen(false);
                    }}
                  >
                    <span className="bell-what">
                      {!n.readAt && <span className="bell-dot" aria-hidden="true" />}
                      {what(n)}
                      {!n.readAt && <span className="visually-hidden">{`（${t('notifUnread')}）`}</span>}
                    </span>
                    <span className="bell-about">{about(n)}</span>
                    {n.excerpt && <span className="bell-excerpt">{`「${n.excerpt}」`}</span>}
                    <time className="bell-time" dateTime={n.createdAt} title={formatDateTime(n.createdAt, lang)}>
                      {formatRelative(n.createdAt, lang)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="bell-panel__foot">
            <label className="bell-email">
              <input type="checkbox" checked={email ?? false} disabled={email === null && !settingsFailed} onChange={(e) => void toggleEmail(e.target.checked)} />
              {t('notifEmail')}
            </label>
            {settingsFailed && <p className="bell-note" role="alert">{t('notifEmailFailed')}</p>}
          </div>
        </section>
      )}
    </div>
  );
}
