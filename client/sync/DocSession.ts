/** One open shared document: Y.Doc, provider, awareness, connection status, and its changes until the server acknowledges them. */
import { REFUSAL } from '../../shared/protocol/messages.js';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { CLOSE } from '../../shared/protocol/closeCodes.js';
import type { Awareness } from 'y-protocols/awareness';
import { announceSignedOut } from '../api/sessionEvents.js';
import { AckTracker } from './ackTracker.js';
import { reconnectDelay } from './backoff.js';
import { HEARTBEAT_MS, type PendingLedger } from './pendingLedger.js';
import { sameSync, type SyncSnapshot } from './syncView.js';
import type { DocSessionOptions, LocalStore } from './sessionOptions.js';
import { installMessageHandlers, sendAckRequest, sendOnlyOwnAwareness, sendUpdate, socketOpen } from './providerPatches.js';
import { syncServerUrl } from './syncUrl.js';
import type { SyncStatus } from './status.js';

export type { DocSessionOptions, LocalStore } from './sessionOptions.js';

type Listener = () => void;

const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

/**
 * Components never create providers themselves; they ask for a session (useDocSession). The
 * document opens from its local store before it connects, every local transaction is counted
 * until an MSG.ack round trip covers it, and reconnection follows our backoff and the
 * browser's online/offline events rather than y-websocket's fixed short retries. What it
 * changes inside y-websocket, where the public API falls short, is all in providerPatches.ts.
 */
export class DocSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  /** Resolves when the document has content to show: local copy or first server sync. */
  readonly ready: Promise<void>;
  private status: SyncStatus;
  private isReady = false;
  /** The person may only read this document (told by the page once it knows): there is nothing of theirs to offer the server. */
  private readOnly = false;
  /** The last change the server refused (read-only access, translator scope), until dismissed. */
  private refusal: string | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly local: LocalStore | null;
  /** Made once the local copy is in: whether counts are kept may depend on what loading found. */
  private ledger: PendingLedger | null = null;
  private readonly tracker = new AckTracker();
  private readonly followBrowser: boolean;
  private networkOnline: boolean;
  private started = false;
  private destroyed = false;
  private everConnected = false;
  private attempts = 0;
  private retryAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private flushScheduled = false;
  private unacked = false;
  private sync: SyncSnapshot;
  /** Gives the provider back its stock awareness listener's place (see providerPatches). */
  private unfilter = () => {};

  constructor(
    readonly name: string,
    private readonly options: DocSessionOptions = {},
  ) {
    // Connected by us once the local copy is in, so that sync step 2 offers the server
    // everything this browser holds, offline edits included.
    this.provider = new WebsocketProvider(options.serverUrl ?? syncServerUrl(), name, this.doc, {
      connect: false,
      params: options.params,
      disableBc: options.disableBc,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.awareness = this.provider.awareness;
    if (options.background) this.awareness.setLocalState(null);
    this.local = options.localStore?.(name, this.doc) ?? null;
    this.followBrowser = options.connect !== false;
    this.networkOnline = this.followBrowser && browserOnline();
    // Without a network there is nothing to connect to: the page must not say "connecting".
    this.status = { state: this.networkOnline ? 'connecting' : 'offline' };
    this.sync = this.snapshot();

    let markReady!: () => void;
    this.ready = new Promise<void>((resolve) => (markReady = resolve)).then(() => {
      this.isReady = true;
      this.emit();
    });

    this.doc.on('update', this.onUpdate);
    void (this.local?.whenLoaded ?? Promise.resolve()).then(() => {
      if (this.destroyed) return;
      // An empty local copy is no copy: wait for the server rather than show blank fields.
      if (this.doc.store.clients.size > 0) markReady();
      if (this.local?.isolated) this.provider.disableBc = true;
      this.ledger = options.ledger?.(name) ?? null;
      if (this.ledger) this.heartbeat = setInterval(this.beat, HEARTBEAT_MS);
      this.tracker.carry(this.ledger?.adopt() ?? 0);
      this.started = true;
      if (this.networkOnline) this.openSocket();
      else this.provider.connectBc();
      this.persist();
      this.refreshSync();
    });

    this.provider.on('status', ({ status }) => {
      if (this.status.state === 'refused') return;
      if (!this.networkOnline) return this.setStatus({ state: 'offline' });
      if (status === 'disconnected') this.setStatus({ state: 'offline' });
      else if (status === 'connecting' || !this.provider.synced) this.setStatus({ state: 'connecting' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      markReady();
      this.attempts = 0;
      this.everConnected = true;
      this.setStatus({ state: 'connected' });
      // Our sync step 2 (everything the server lacked) has gone out before the server's step 2
      // came in: one acknowledgement now covers every change this browser holds.
      this.requestAck(true);
    });
    this.provider.on('connection-close', () => this.onSocketClosed());
    this.provider.on('closed', ({ code, reason }) => {
      this.cancelRetry();
      this.setStatus({ state: 'refused', code, reason });
      if (code === CLOSE.unauthorized.code) announceSignedOut();
    });
    this.unfilter = sendOnlyOwnAwareness(this.provider, this.doc.clientID);
    installMessageHandlers(this.provider, name, {
      // The person must see that an edit was not saved; presence refusals are not lost work.
      onRefused: (reason) => {
        if (reason.startsWith(REFUSAL.awarenessRefused)) return;
        this.refusal = reason;
        this.emit();
      },
      onAck: (id) => this.onAck(id),
      hasNothingToOffer: () => this.hasNothingToOffer(),
    });

    if (this.followBrowser && typeof window !== 'undefined') {
      window.addEventListener('online', this.goOnline);
      window.addEventListener('offline', this.goOffline);
      window.addEventListener('storage', this.onStorage);
      window.addEventListener('pagehide', this.persist);
    }
  }

  getStatus = (): SyncStatus => this.status;
  getReady = (): boolean => this.isReady;
  getRefusal = (): string | null => this.refusal;
  /** Connection, waiting changes and retry time, for the sync indicator. */
  getSync = (): SyncSnapshot => this.sync;
  /**
   * The page knows the person's access: a read-only session answers the server's step 1 with
   * nothing while it has no unsent changes (changes made before access was lost still go, and
   * their refusal is shown).
   */
  setReadOnly = (readOnly: boolean): void => {
    this.readOnly = readOnly;
  };

  /** True when this copy can hold nothing the server lacks: empty, or a reader's with nothing unsent. */
  private hasNothingToOffer(): boolean {
    if (this.tracker.pending > 0 || (this.ledger?.others() ?? 0) > 0) return false;
    return this.readOnly || this.doc.store.clients.size === 0;
  }

  dismissRefusal = (): void => {
    this.refusal = null;
    this.emit();
  };

  /** Changes made in this tab that the server has not acknowledged (other tabs answer for theirs). */
  get unsent(): number {
    return this.tracker.pending;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The network is back (the browser's `online` event, or the caller's say-so): connect now. */
  goOnline = (): void => {
    if (this.destroyed) return;
    this.networkOnline = true;
    if (this.started && this.status.state !== 'refused' && this.provider.ws === null) {
      this.attempts = 0;
      this.openSocket();
    }
    this.refreshSync();
  };

  /**
   * The network is gone: drop the socket at once rather than wait for it to time out (an open
   * WebSocket can outlive the network for a long while), and keep the tabs' channel.
   */
  goOffline = (): void => {
    if (this.destroyed) return;
    this.networkOnline = false;
    this.cancelRetry();
    if (this.provider.ws !== null) {
      this.provider.disconnect();
      this.provider.connectBc();
    }
    if (this.status.state !== 'refused') this.setStatus({ state: 'offline' });
    this.refreshSync();
  };

  destroy(): void {
    if (this.destroyed) return;
    this.persist();
    this.destroyed = true;
    this.listeners.clear();
    this.cancelRetry();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.goOnline);
      window.removeEventListener('offline', this.goOffline);
      window.removeEventListener('storage', this.onStorage);
      window.removeEventListener('pagehide', this.persist);
    }
    this.doc.off('update', this.onUpdate);
    // Tell the others we left before the socket closes.
    this.awareness.setLocalState(null);
    this.unfilter();
    this.provider.destroy();
    this.local?.destroy();
    this.doc.destroy();
  }

  // ---- local changes and acknowledgements ------------------------------------------------

  private onUpdate = (_update: Uint8Array, origin: unknown): void => {
    // The provider applies the server's and other tabs' changes; the local store replays its copy.
    if (origin === this.provider || (this.local && origin === this.local.origin)) return;
    this.tracker.change();
    this.unacked = true;
    this.scheduleFlush();
  };

  /** One persist, acknowledgement request and repaint per burst of transactions. */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      if (this.destroyed) return;
      this.persist();
      // After the provider's own update handler has put the change on the socket.
      if (this.unacked) this.requestAck(false);
      this.refreshSync();
    });
  }

  /** Sends `[MSG.ack, id]` when the socket is open and synced; a later sync covers the rest. */
  private requestAck(full: boolean): void {
    if (!socketOpen(this.provider) || !this.provider.synced) return;
    const id = this.tracker.request(full);
    this.unacked = false;
    sendAckRequest(this.provider, id);
    this.refreshSync();
  }

  private onAck(id: number): void {
    if (this.destroyed || !this.tracker.ack(id)) return;
    this.persist();
    this.refreshSync();
  }

  private persist = (): void => {
    if (!this.destroyed && this.started) this.ledger?.write(this.tracker.pending);
  };

  /** Keeps this tab's ledger entry fresh, and takes over the counts of tabs that went away. */
  private beat = (): void => {
    if (!this.ledger || !this.started) return;
    if (this.tracker.pending > 0) this.persist();
    if (!this.ledger.hasStale()) return;
    this.tracker.carry(this.ledger.adopt());
    this.persist();
    // What the gone tab had was sent to us over the tabs' channel but never by us to the server.
    if (this.provider.synced && !this.hasNothingToOffer()) {
      sendUpdate(this.provider, Y.encodeStateAsUpdate(this.doc));
      this.requestAck(true);
    }
    this.refreshSync();
  };

  private onStorage = (event: StorageEvent): void => {
    if (this.ledger && event.key === this.ledger.key) this.refreshSync();
  };

  // ---- connection --------------------------------------------------------------------------

  private openSocket(): void {
    this.cancelRetry();
    if (!this.local?.mayConnect) {
      this.provider.connect();
      return;
    }
    if (this.gating) return;
    this.gating = true;
    void this.local.mayConnect().then((answer) => {
      this.gating = false;
      if (this.destroyed || !this.networkOnline || this.status.state === 'refused' || this.provider.ws !== null) return;
      if (answer === 'go') this.provider.connect();
      else if (answer === 'later') this.scheduleRetry();
      this.refreshSync();
    });
  }

  /** Waiting for the local store's say on connecting. */
  private gating = false;

  private onSocketClosed(): void {
    this.tracker.disconnected();
    if (this.destroyed) return;
    // shouldConnect is false when we closed it ourselves (offline, destroy): nothing to retry.
    if (this.provider.shouldConnect) {
      // The stock provider would retry on its own short schedule; ours waits longer as
      // failures repeat, waits for the network when there is none, and shows the countdown.
      this.provider.shouldConnect = false;
      this.scheduleRetry();
    }
    if (this.status.state !== 'refused') this.setStatus({ state: 'offline' });
    this.refreshSync();
  }

  private scheduleRetry(): void {
    this.cancelRetry();
    this.attempts++;
    const delay = reconnectDelay(this.attempts);
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryAt = null;
      if (this.networkOnline && this.status.state !== 'refused') this.openSocket();
      this.refreshSync();
    }, delay);
  }

  private cancelRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  // ---- state for the UI --------------------------------------------------------------------

  private snapshot(): SyncSnapshot {
    return {
      connection: this.status.state,
      online: this.networkOnline,
      pending: this.tracker.pending + (this.ledger?.others() ?? 0),
      confirmed: this.tracker.confirmed,
      retryAt: this.retryAt,
      everConnected: this.everConnected,
      reason: this.status.reason,
      loaded: this.started,
    };
  }

  private refreshSync(): void {
    if (this.destroyed) return;
    const next = this.snapshot();
    if (sameSync(next, this.sync)) return;
    this.sync = next;
    this.emit();
  }

  private setStatus(next: SyncStatus): void {
    if (next.state === this.status.state && next.reason === this.status.reason) return;
    this.status = next;
    this.emit();
    this.refreshSync();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
