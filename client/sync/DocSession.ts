/**
 * One open shared document: its Y.Doc, the WebSocket provider and awareness, and a
 * subscribable connection status. Components never create providers themselves; they ask
 * for a session (see useDocSession). An offline store (y-indexeddb) plugs in through
 * `LocalStore` so that it can also make the document ready before the server answers.
 */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
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
    this.provider.on('closed', ({ code, reason }) => this.setStatus({ state: 'refused', code, reason }));
  }

  getStatus = (): SyncStatus => this.status;
  getReady = (): boolean => this.isReady;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    this.listeners.clear();
    this.awareness.setLocalState(null);
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
