/**
 * The signed-in person's notifications, kept fresh by polling: every 30 s and whenever the
 * window gets focus back. There is no push channel for notifications (the sync sockets carry
 * documents only), so a new one shows within half a minute, or at once on returning to the tab.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { NotificationView } from '../../shared/protocol/notifications.js';
import { notificationsApi } from './api.js';

export const POLL_MS = 30_000;

export interface NotificationsState {
  items: NotificationView[];
  unread: number;
  /** False until the first answer (the bell shows no count before it). */
  loaded: boolean;
  /** The last poll failed (shown in the panel; the next poll tries again). */
  failed: boolean;
  refresh(): Promise<void>;
  markAllRead(): Promise<void>;
  markRead(id: string): Promise<void>;
}

export function useNotifications(): NotificationsState {
  const [state, setState] = useState({ items: [] as NotificationView[], unread: 0, loaded: false, failed: false });
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(async () => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    try {
      const res = await notificationsApi.list(controller.signal);
      setState({ items: res.notifications, unread: res.unread, loaded: true, failed: false });
    } catch (err) {
      if ((err as Error).name !== 'AbortError') setState((s) => ({ ...s, failed: true }));
    }
  }, []);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onFocus = () => void refresh();
    window.addEventListener('focus', onFocus);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      inFlight.current?.abort();
    };
  }, [refresh]);

  const markAllRead = useCallback(async () => {
    const now = new Date().toISOString();
    const res = await notificationsApi.markAllRead();
    setState((s) => ({ ...s, unread: res.unread, items: s.items.map((n) => (n.readAt ? n : { ...n, readAt: now })) }));
  }, []);

  const markRead = useCallback(async (id: string) => {
    const now = new Date().toISOString();
    const res = await notificationsApi.markRead([id]);
    setState((s) => ({ ...s, unread: res.unread, items: s.items.map((n) => (n.id === id && !n.readAt ? { ...n, readAt: now } : n)) }));
  }, []);

  return { ...state, refresh, markAllRead, markRead };
}
