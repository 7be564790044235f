/** One open shared document: Y.Doc, provider, awareness, connection status, and its changes until the server acknowledges them. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1 as SYNC_STEP1, writeUpdate } from 'y-protocols/sync';
import { AUTH_PERMISSION_DENIED, encodeAck, MSG, readAckId, REFUSAL } from '../../shared/protocol/messages.js';
import { CLOSE } from '../../shared/protocol/closeCodes.js';
import { applyAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { rootsOf } from '../../shared/protocol/awarenessState.js';
import { announceSignedOut } from '../identity/sessionEvents.js';
import { AckTracker } from '../offline/ackTracker.js';
import { reconnectDelay } from '../offline/backoff.js';
import { HEARTBEAT_MS, type PendingLedger } from '../offline/pendingLedger.js';
import type { SyncSnapshot } from '../offline/syncView.js';
import { syncServerUrl } from './syncUrl.js';
import { cleanCarets } from './remoteCarets.js';
import type { SyncStatus } from './status.js';

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

type Listener = () => void;

const OPEN = 1;

/** Which session a provider belongs to, for message handlers that only receive the provider. */
const sessionOf = new WeakMap<WebsocketProvider, DocSession>();

const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false);

/**
 * Components never create providers themselves; they ask for a session (useDocSession). The
 * document opens from its local store before it connects, every local transaction is counted
 * until an MSG.ack round trip covers it, and reconnection follows our backoff and the
 * browser's online/offline events rather than y-websocket's fixed short retries.
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
    sessionOf.set(this.provider, this);
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
    this.sendOnlyOwnAwareness();
    // y-protocols' auth message carries the server's reason for refusing a write; the stock
    // handler only logs it, but the person must see that their edit was not saved.
    this.provider.messageHandlers[MSG.auth] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) return;
      const reason = decoding.readVarString(decoder);
      // Presence refusals are not lost work; only refused document edits are shown.
      if (reason.startsWith(REFUSAL.awarenessRefused)) return;
      this.refusal = reason;
      this.emit();
    };
    // Other people's states pass through cleanCarets: the caret plugin would throw on a bad one.
    this.provider.messageHandlers[MSG.awareness] = (_encoder, decoder, provider) => {
      const update = cleanCarets(decoding.readVarUint8Array(decoder), rootsOf(name));
      if (update) applyAwarenessUpdate(provider.awareness, update, provider);
    };
    // The stock handler answers the server's step 1 with everything this copy holds. A reader
    // holds nothing of their own: an answer would only be an edit the server has to refuse.
    // (emitSynced is false for the tabs' channel, whose step 1 is always answered.)
    const stockSync = this.provider.messageHandlers[MSG.sync]!;
    this.provider.messageHandlers[MSG.sync] = (encoder, decoder, provider, emitSynced, type) => {
      if (emitSynced && decoding.peekVarUint(decoder) === SYNC_STEP1 && sessionOf.get(provider)?.hasNothingToOffer()) {
        decoding.readVarUint(decoder);
        decoding.readVarUint8Array(decoder);
        return;
      }
      stockSync(encoder, decoder, provider, emitSynced, type);
    };
    // Older y-websocket versions share this array between providers: dispatch by provider.
    this.provider.messageHandlers[MSG.ack] = (_encoder, decoder, provider) => {
      sessionOf.get(provider)?.onAck(readAckId(decoder));
    };

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

  /**
   * Stock y-websocket re-sends every awareness change it hears, other people's included (it
   * was built for peer-to-peer relays); the Gongbi server rejects states it did not get from
   * their owner, so only this client's own state is sent.
   */
  private sendOnlyOwnAwareness(): void {
    const stock = this.provider._awarenessUpdateHandler;
    const mine = (ids: number[]) => ids.filter((id) => id === this.doc.clientID);
    const filtered = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changes = { added: mine(added), updated: mine(updated), removed: mine(removed) };
      if (changes.added.length + changes.updated.length + changes.removed.length > 0) stock(changes, origin);
    };
    this.awareness.off('update', stock);
    this.awareness.on('update', filtered);
    this.unfilter = () => this.awareness.off('update', filtered);
  }

  private unfilter = () => {};

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
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== OPEN || !this.provider.synced) return;
    const id = this.tracker.request(full);
    this.unacked = false;
    ws.send(encodeAck(id));
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
      this.sendToServer(Y.encodeStateAsUpdate(this.doc));
      this.requestAck(true);
    }
    this.refreshSync();
  };

  private sendToServer(update: Uint8Array): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MSG.sync);
    writeUpdate(encoder, update);
    ws.send(encoding.toUint8Array(encoder));
  }

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
    const prev = this.sync;
    if (
      next.connection === prev.connection && next.online === prev.online && next.pending === prev.pending &&
      next.confirmed === prev.confirmed && next.retryAt === prev.retryAt && next.everConnected === prev.everConnected &&
      next.reason === prev.reason && next.loaded === prev.loaded
    ) return;
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
