/**
 * One open shared document: its Y.Doc, the WebSocket provider and awareness, and a
 * subscribable connection status. Components never create providers themselves; they ask
 * for a session (see useDocSession). An offline store (y-indexeddb) plugs in through
 * `LocalStore` so that it can also make the document ready before the server answers.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { MSG } from '../../shared/protocol/messages.js';
import { CLOSE } from '../../shared/protocol/closeCodes.js';
import type { Awareness } from 'y-protocols/awareness';
import { announceSignedOut } from '../identity/sessionEvents.js';
import { syncServerUrl } from './syncUrl.js';
import type { SyncStatus } from './status.js';

/** A local persistence layer for one document (IndexedDB later); optional. */
export interface LocalStore {
  /** Resolves once stored content has been applied to the doc. */
  whenLoaded: Promise<void>;
  destroy(): void;
}

export interface DocSessionOptions {
  serverUrl?: string;
  localStore?: (name: string, doc: Y.Doc) => LocalStore;
}

type Listener = () => void;


export class DocSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly awareness: Awareness;
  /** Resolves when the document has content to show: first server sync or local load. */
  readonly ready: Promise<void>;
  private status: SyncStatus = { state: 'connecting' };
  private isReady = false;
  /** The last change the server refused (read-only access, translator scope), until dismissed. */
  private refusal: string | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly local: LocalStore | null;

  constructor(
    readonly name: string,
    options: DocSessionOptions = {},
  ) {
    this.provider = new WebsocketProvider(options.serverUrl ?? syncServerUrl(), name, this.doc);
    this.awareness = this.provider.awareness;
    this.local = options.localStore?.(name, this.doc) ?? null;

    let markReady!: () => void;
    this.ready = new Promise<void>((resolve) => (markReady = resolve)).then(() => {
      this.isReady = true;
      this.emit();
    });
    void this.local?.whenLoaded.then(markReady);

    this.provider.on('status', ({ status }) => {
      if (this.status.state === 'refused') return;
      if (status === 'disconnected') this.setStatus({ state: 'offline' });
      else if (status === 'connecting' || !this.provider.synced) this.setStatus({ state: 'connecting' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (!synced) return;
      markReady();
      this.setStatus({ state: 'connected' });
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.setStatus({ state: 'refused', code, reason });
      if (code === CLOSE.unauthorized.code) announceSignedOut();
    });
    this.sendOnlyOwnAwareness();
    // y-protocols' auth message carries the server's reason for refusing a write; the stock
    // handler only logs it, but the person must see that their edit was not saved.
    this.provider.messageHandlers[MSG.auth] = (_encoder, decoder) => {
      if (decoding.readVarUint(decoder) !== 0) return;
      const reason = decoding.readVarString(decoder);
      // Presence refusals are not lost work; only refused document edits are shown.
      if (reason.startsWith('awareness')) return;
      this.refusal = reason;
      this.emit();
    };
  }

  getStatus = (): SyncStatus => this.status;
  getReady = (): boolean => this.isReady;
  getRefusal = (): string | null => this.refusal;
  dismissRefusal = (): void => {
    this.refusal = null;
    this.emit();
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
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
    this.listeners.clear();
    // Tell the others we left before the socket closes.
    this.awareness.setLocalState(null);
    this.unfilter();
    this.provider.destroy();
    this.local?.destroy();
    this.doc.destroy();
  }

  private setStatus(next: SyncStatus): void {
    if (next.state === this.status.state && next.reason === this.status.reason) return;
    this.status = next;
    this.emit();
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
