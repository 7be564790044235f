/** The notification centre: the one door of the feature. */
export { Notifications, DEFAULT_SETTINGS, type NotificationDeps } from './service.js';
export { type NotificationStore, type NotificationRecord } from './store.js';
export { MailQueue } from './mailQueue.js';
export { Reminders, REMINDER_AHEAD_DAYS, REMINDER_OVERDUE_DAYS } from './reminders.js';
export { notificationStoreFor } from './open.js';
