/** The notification centre in the browser: the one door of the feature (the bell for the header). */
export { NotificationBell } from './NotificationBell.js';
