/**
 * A light WebSocket client for reliability tests: a `ws` socket speaking y-protocols sync
 * and Gongbi's acknowledgements through `SyncClient`, with promises for what tests wait on
 * (open, synced, an ack, the close) and raw `send` for hostile bytes. Far cheaper than a
 * y-websocket provider, so a test can open hundreds.
 */
import * as Y from 'yjs';
import WebSocket from 'ws';
import { SyncClient } from './syncClient.js';
import { waitFor } from '../helpers/waitFor.js';

export interface Closed {
  code: number;
  reason: string;
}

export interface RawClient {
  ws: WebSocket;
  doc: Y.Doc;
  sync: SyncClient;
  /** Every message received, in order (sync, awareness, auth, ack). */
  received: Uint8Array[];
  /** Resolves when the socket closes (never rejects). */
  closed: Promise<Closed>;
  isOpen(): boolean;
  /** Sends raw bytes (or a text frame). */
  send(data: Uint8Array | string): void;
  /** Asks for an acknowledgement and resolves when it arrives. */
  ack(timeoutMs?: number): Promise<void>;
  close(): Promise<Closed>;
}

let nextAckId = 1;

export interface RawOptions {
  /** A Y.Doc to sync (default: a new one). */
  doc?: Y.Doc;
  /** Speak the sync protocol (default true); false for a socket that only sends what the test says. */
  sync?: boolean;
  /** Reject `open` after this many ms (default 5000). */
  timeoutMs?: number;
  /** Handshake headers, as a browser would send them (`origin`, `cookie`). */
  headers?: Record<string, string>;
}

/**
 * Opens `/sync/<doc>?token=…` (no query when `token` is empty); resolves once the socket is open (not yet synced).
 * @example const c = await openRaw(server.wsUrl, 'c-01-open-data-reuse', server.token); await synced(c);
 */
export async function openRaw(wsUrl: string, docName: string, token: string, opts: RawOptions = {}): Promise<RawClient> {
  const doc = opts.doc ?? new Y.Doc();
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const ws = new WebSocket(`${wsUrl}/${encodeURIComponent(docName)}${query}`, { headers: opts.headers });
  const sync = new SyncClient(doc);
  const received: Uint8Array[] = [];
  const waiters = new Map<number, () => void>();
  sync.onAck = (id) => waiters.get(id)?.();
  const closed = new Promise<Closed>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on('error', () => {});
  const send = (data: Uint8Array | string) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(data);
  };
  // Attached as the socket opens, before any message is handled: the server's step 1 may
  // arrive in the same read as the upgrade, and our answer to it carries our offline edits.
  if (opts.sync !== false) ws.once('open', () => sync.attach(send));
  ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    received.push(bytes);
    if (opts.sync !== false) {
      try {
        sync.receive(bytes);
      } catch {
        /* a test may provoke odd replies; the socket's fate is what it checks */
      }
    }
  });
  void closed.then(() => sync.detach());
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket to ${docName} did not open`)), opts.timeoutMs ?? 5000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    void closed.then(({ code, reason }) => {
      clearTimeout(timer);
      reject(new Error(`socket to ${docName} closed before opening: ${code} ${reason}`));
    });
  });
  return {
    ws,
    doc,
    sync,
    received,
    closed,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send,
    ack(timeoutMs = 5000) {
      const id = nextAckId++;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no acknowledgement ${id} within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(id, () => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve();
        });
        void closed.then(({ code, reason }) => reject(new Error(`closed (${code} ${reason}) before acknowledgement ${id}`)));
        sync.requestAck(id);
      });
    },
    async close() {
      if (ws.readyState !== WebSocket.CLOSED) ws.close();
      const c = await closed;
      sync.destroy();
      return c;
    },
  };
}

/** Waits until the server's step 2 has arrived. */
export function synced(c: RawClient, timeout = 5000): Promise<void> {
  return waitFor(() => c.sync.synced, { timeout, what: 'the server sync step 2' });
}

/** Opens and syncs. */
export async function connectRaw(wsUrl: string, docName: string, token: string, opts: RawOptions = {}): Promise<RawClient> {
  const c = await openRaw(wsUrl, docName, token, opts);
  await synced(c, opts.timeoutMs);
  return c;
}
