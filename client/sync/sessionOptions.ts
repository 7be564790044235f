/** What a DocSession is opened with: where its copy and its waiting count live (offline/ supplies them), and how it connects. */
import type * as Y from 'yjs';
import type { PendingLedger } from './pendingLedger.js';

/** A local persistence layer for one document (IndexedDB); optional. */
export interface LocalStore {
  /** Resolves once stored content has been applied to the doc. */
  whenLoaded: Promise<void>;
  /** The transaction origin of what it applies: loading is not a local edit. */
  origin?: unknown;
  /**
   * Asked before every connection (the store-identity check): `later` retries with the usual backoff, `never`
   * keeps the document off the server (its copy belongs to a store that was reset).
   */
  mayConnect?: () => Promise<'go' | 'later' | 'never'>;
  /** Read once loaded: true keeps the document out of the tabs' BroadcastChannel. */
  readonly isolated?: boolean;
  destroy(): void;
}

export interface DocSessionOptions {
  serverUrl?: string;
  /** Query parameters of the sync URL (scripts and the bench authenticate with `token`). */
  params?: Record<string, string>;
  localStore?: (name: string, doc: Y.Doc) => LocalStore;
  /** Where the count of unacknowledged changes outlives the page; in memory only without it. */
  ledger?: (name: string) => PendingLedger | null;
  WebSocketPolyfill?: typeof WebSocket;
  /** False: stay offline until goOnline() instead of following the browser's network state. */
  connect?: boolean;
  /** Tabs of one browser share edits over a BroadcastChannel unless this is set. */
  disableBc?: boolean;
  /** Only sends what is waiting: publishes no presence. */
  background?: boolean;
}
