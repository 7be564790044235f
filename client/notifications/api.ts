/** The notification routes (server/http/notifications.ts): one's own list, read marks and the e-mail setting. */
import type { NotificationSettings, NotificationsResponse } from '../../shared/protocol/notifications.js';
import { getJson, postJson, putJson } from '../api/http.js';

export const notificationsApi = {
  list: (signal?: AbortSignal) => getJson<NotificationsResponse>('/api/notifications', signal),
  markAllRead: () => postJson<{ marked: number; unread: number }>('/api/notifications/read', { all: true }),
  markRead: (ids: string[]) => postJson<{ marked: number; unread: number }>('/api/notifications/read', { ids }),
  settings: () => getJson<NotificationSettings>('/api/notifications/settings'),
  saveSettings: (body: NotificationSettings) => putJson<NotificationSettings>('/api/notifications/settings', body),
};
