/** What the sync indicator says, from a session's connection and unacknowledged changes (plain data, tested without React). */
import type { MessageKey } from '../i18n/zh.js';
import type { ConnectionState } from './status.js';
import { closeReasonKey } from './closeReasons.js';
import { secondsUntil } from './backoff.js';

/** A DocSession's offline-relevant state (see DocSession.getSync). */
export interface SyncSnapshot {
  connection: ConnectionState;
  /** The browser believes it has a network (navigator.onLine). */
  online: boolean;
  /** Local transactions of this browser (all tabs) the server has not acknowledged. */
  pending: number;
  /** The server acknowledged since the last connection's full sync. */
  confirmed: boolean;
  /** When the next reconnection attempt is due, while waiting for it. */
  retryAt: number | null;
  /** Whether this session has ever been connected (first connection vs. reconnection). */
  everConnected: boolean;
  /** The server's reason for a refused connection. */
  reason?: string;
  /** The local copy (if any) has been read: `ready` still false then means this device has none. */
  loaded?: boolean;
}

export type SyncKind = 'saved' | 'saving' | 'connecting' | 'reconnecting' | 'offline' | 'refused';

export interface SyncView {
  kind: SyncKind;
  pending: number;
  retryAt: number | null;
  reason?: string;
}

/** Same snapshot field by field (a session repaints only on a real change). */
export const sameSync = (a: SyncSnapshot, b: SyncSnapshot): boolean =>
  a.connection === b.connection && a.online === b.online && a.pending === b.pending && a.confirmed === b.confirmed &&
  a.retryAt === b.retryAt && a.everConnected === b.everConnected && a.reason === b.reason && a.loaded === b.loaded;

export function syncViewOf(s: SyncSnapshot): SyncView {
  const base = { pending: s.pending, retryAt: null, reason: s.reason };
  if (s.connection === 'refused') return { ...base, kind: 'refused' };
  if (!s.online) return { ...base, kind: 'offline' };
  if (s.connection !== 'connected') {
    if (s.retryAt !== null) return { ...base, kind: 'reconnecting', retryAt: s.retryAt };
    return { ...base, kind: s.everConnected ? 'reconnecting' : 'connecting' };
  }
  // "Saved" only once the server has answered an acknowledgement request since connecting.
  if (s.pending > 0 || !s.confirmed) return { ...base, kind: 'saving' };
  return { ...base, kind: 'saved' };
}

/** Worst first: what a combined indicator shows when documents disagree. */
const SEVERITY: SyncKind[] = ['refused', 'offline', 'reconnecting', 'connecting', 'saving', 'saved'];

/**
 * One view for several documents (the app): the most severe state, the soonest retry and the
 * sum of waiting changes, plus `elsewhere` changes of documents that are not open.
 */
export function combineViews(views: SyncView[], elsewhere: number, online: boolean): SyncView {
  const pending = views.reduce((sum, v) => sum + v.pending, 0) + elsewhere;
  if (views.length === 0) return { kind: !online ? 'offline' : elsewhere > 0 ? 'saving' : 'saved', pending, retryAt: null };
  const worst = [...views].sort((a, b) => SEVERITY.indexOf(a.kind) - SEVERITY.indexOf(b.kind))[0]!;
  const retries = views.map((v) => v.retryAt).filter((r): r is number => r !== null);
  const kind = worst.kind === 'saved' && elsewhere > 0 ? 'saving' : worst.kind;
  return { kind, pending, retryAt: retries.length ? Math.min(...retries) : null, reason: worst.reason };
}

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Whether changes wait, not how many: the count is of transactions (a typed word is several),
 * which no person would recognise as their edits.
 */
export function pendingText(count: number, t: Translate): string {
  return count === 0 ? t('syncPendingNone') : t('syncPendingSome');
}

/** The sentence for a view; `now` only matters for the reconnection countdown. */
export function describeSync(view: SyncView, t: Translate, now: number = Date.now()): string {
  switch (view.kind) {
    case 'saved':
      return t('syncSaved');
    case 'saving':
      return t('syncSaving');
    case 'connecting':
      return t('syncConnecting');
    case 'offline':
      return `${t('syncOffline')} — ${pendingText(view.pending, t)}`;
    case 'reconnecting': {
      const head = view.retryAt !== null ? t('syncReconnectingIn', { seconds: secondsUntil(view.retryAt, now) }) : t('syncReconnectingNow');
      return view.pending > 0 ? `${head} — ${pendingText(view.pending, t)}` : head;
    }
    case 'refused': {
      // The server's English reason stays out of the sentence: it only picks the words.
      const head = t('syncRefused', { reason: t(closeReasonKey(view.reason)) });
      return view.pending > 0 ? `${head} — ${pendingText(view.pending, t)}` : head;
    }
  }
}
