/**
 * A light headless Yjs client: one `ws` socket and one Y.Doc speaking y-protocols sync by hand
 * (send step 1 on open, answer the server's step 1 with step 2, apply step 2 and updates) —
 * no y-websocket provider, no awareness, no reconnect, so hundreds fit in one process.
 * Gongbi's acknowledgement request (MSG.ack) is supported (the reference ignores it), and
 * Gongbi's refusals (y-protocols permission-denied messages) are counted as notices.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MSG } from '../../shared/protocol/messages.js';
import type { Tracker } from './tracker.js';

const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** The Y.Text every bench client types into: a field of the commitment document. */
export const TEXT_NAME = 'title:zh';
/** One UTF-16 unit each, so one character is one Yjs clock tick. */
const CHARS = '共筆承諾事項開放政府資料透明參與課責創新民間委員權責機關abcdefghijklmnopqrstuvwxyz ';

export function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.sync);
  encoding.writeVarUint(e, subtype);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}
export const updateMessage = (update: Uint8Array) => syncMessage(UPDATE, update);

function ackRequest(id: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MSG.ack);
  encoding.writeVarUint(e, id);
  return encoding.toUint8Array(e);
}

export interface ClientOptions {
  /** Applied before connecting (the reference's documents start with the commitment skeleton). */
  template?: Uint8Array | null;
  /** Apply incoming updates (default). False: only count them (an observer that costs nothing). */
  apply?: boolean;
  /** Records send and receive times of edits for latency. */
  tracker?: Tracker | null;
  /** Other replicas of this document that must receive each edit (for the tracker). */
  receivers?: number;
}

export class LightClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(TEXT_NAME);
  ws: WebSocket | null = null;
  synced = false;
  /** Sync step 2 and update messages received. */
  updatesReceived = 0;
  notices: string[] = [];
  closeCode: number | null = null;
  closeReason = '';
  /** Apply incoming updates (can be switched off after the initial sync). */
  apply: boolean;
  /** performance.now() when the socket was created, and when sync step 2 arrived (before and after applying it). */
  startedAt = 0;
  step2ReceivedAt = 0;
  syncedAt = 0;
  private readonly tracker: Tracker | null;
  private readonly receivers: number;
  private onSynced: (() => void) | null = null;
  private onFailed: ((err: Error) => void) | null = null;
  private nextAck = 1;
  private readonly acks = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  /** Called with every received update (observers that do not apply them use it). */
  onUpdateMessage: ((update: Uint8Array) => void) | null = null;

  constructor(
    readonly url: string,
    opts: ClientOptions = {},
  ) {
    this.apply = opts.apply ?? true;
    this.tracker = opts.tracker ?? null;
    this.receivers = opts.receivers ?? 0;
    if (opts.template) Y.applyUpdate(this.doc, opts.template, 'template');
    // No permanent 'update' listener: with one, Yjs encodes an update for every remote
    // transaction too, which costs the generator more than applying it. Local edits send
    // their update themselves (edit()).
    if (this.tracker) {
      const tracker = this.tracker;
      this.doc.on('afterTransaction', (tr: Y.Transaction) => {
        if (tr.origin !== this) return;
        const now = performance.now();
        for (const [client, after] of tr.afterState) {
          const before = tr.beforeState.get(client) ?? 0;
          if (after > before) tracker.received(client, before, after, now);
        }
      });
    }
  }

  /** Opens the socket and resolves once the server's sync step 2 has been applied. */
  connect(timeoutMs = 30_000): Promise<void> {
    this.startedAt = performance.now();
    const ws = new WebSocket(this.url, { perMessageDeflate: false });
    this.ws = ws;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no sync from ${this.url} in ${timeoutMs} ms`)), timeoutMs);
      this.onSynced = () => {
        clearTimeout(timer);
        resolve();
      };
      this.onFailed = (err) => {
        clearTimeout(timer);
        reject(err);
      };
      ws.on('open', () => ws.send(syncMessage(STEP1, Y.encodeStateVector(this.doc))));
      ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        this.onFailed?.(new Error(`closed ${code} ${this.closeReason}`));
        for (const waiter of this.acks.values()) waiter.reject(new Error(`socket closed (${code} ${this.closeReason}) before the acknowledgement`));
        this.acks.clear();
      });
      ws.on('error', (err) => this.onFailed?.(err));
    });
  }

  private receive(data: Uint8Array): void {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    if (type === MSG.sync) {
      const subtype = decoding.readVarUint(d);
      const payload = decoding.readVarUint8Array(d);
      if (subtype === STEP1) {
        this.send(syncMessage(STEP2, Y.encodeStateAsUpdate(this.doc, payload)));
        return;
      }
      this.updatesReceived++;
      const first = subtype === STEP2 && !this.synced;
      if (first) this.step2ReceivedAt = performance.now();
      if (this.apply) Y.applyUpdate(this.doc, payload, this);
      this.onUpdateMessage?.(payload);
      if (first) {
        this.synced = true;
        this.syncedAt = performance.now();
        this.onFailed = null;
        this.onSynced?.();
      }
    } else if (type === MSG.ack) {
      const id = decoding.readVarUint(d);
      this.acks.get(id)?.resolve();
      this.acks.delete(id);
    } else if (type === MSG.auth) {
      // Refusals (permission denied): [2, 0, varString reason].
      const kind = decoding.readVarUint(d);
      this.notices.push(`${kind}: ${decoding.hasContent(d) ? decoding.readVarString(d) : ''}`);
    }
    // Awareness and anything else: ignored.
  }

  send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  /** Types one character at a random position (its send time goes to the tracker). */
  edit(rand: () => number): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    const pos = Math.floor(rand() * (this.text.length + 1));
    this.tracker?.sent(this.doc.clientID, clock, performance.now(), this.receivers);
    this.doc.on('update', this.sendLocal);
    try {
      this.text.insert(pos, CHARS[Math.floor(rand() * CHARS.length)]!);
    } finally {
      this.doc.off('update', this.sendLocal);
    }
  }

  private readonly sendLocal = (update: Uint8Array): void => this.send(updateMessage(update));

  /** Gongbi only: resolves once everything sent before is durable on the server. */
  whenAcked(): Promise<void> {
    const id = this.nextAck++;
    return new Promise<void>((resolve, reject) => {
      if (this.ws?.readyState !== WebSocket.OPEN) return reject(new Error(`socket not open (${this.closeCode} ${this.closeReason})`));
      this.acks.set(id, { resolve, reject });
      this.send(ackRequest(id));
    });
  }

  /** Bytes queued in the socket, not yet handed to the kernel. */
  get buffered(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  close(): Promise<void> {
    const ws = this.ws;
    this.onFailed = null;
    if (!ws || ws.readyState === WebSocket.CLOSED) {
      this.doc.destroy();
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 5000);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close();
    }).then(() => this.doc.destroy());
  }
}

/** Connects clients `concurrency` at a time; rejects on the first that fails. */
export async function connectAll(clients: LightClient[], concurrency = 50): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < clients.length) await clients[next++]!.connect();
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
}

export async function closeAll(clients: LightClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i += 200) await Promise.all(clients.slice(i, i + 200).map((c) => c.close()));
}

/** A deterministic PRNG (mulberry32), so runs type the same sequence. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Same content? Text of the bench field and the state vector (every client's clock). */
export function sameContent(a: Y.Doc, b: Y.Doc): boolean {
  if (a.getText(TEXT_NAME).toString() !== b.getText(TEXT_NAME).toString()) return false;
  const sa = Y.decodeStateVector(Y.encodeStateVector(a));
  const sb = Y.decodeStateVector(Y.encodeStateVector(b));
  if (sa.size !== sb.size) return false;
  for (const [k, v] of sa) if (sb.get(k) !== v) return false;
  return true;
}
