/**
 * The client half of Gongbi's sync protocol without a transport: y-protocols sync (as the
 * stock y-websocket provider speaks it) plus the durability acknowledgement (`MSG.ack`).
 * The in-memory fuzzer plugs it into a simulated network, `rawClient.ts` into a real socket.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { MSG } from '../../shared/protocol/messages.js';

export function encodeMessage(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** `[0, 2, update]`: a sync update message. */
export const updateMessage = (update: Uint8Array) =>
  encodeMessage((e) => {
    encoding.writeVarUint(e, MSG.sync);
    syncProtocol.writeUpdate(e, update);
  });

/** `[0, 0, stateVector]`: sync step 1. */
export const step1Message = (doc: Y.Doc) =>
  encodeMessage((e) => {
    encoding.writeVarUint(e, MSG.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });

/** `[100, id]`: asks for an acknowledgement once everything sent before it is durable. */
export const ackRequest = (id: number) =>
  encodeMessage((e) => {
    encoding.writeVarUint(e, MSG.ack);
    encoding.writeVarUint(e, id);
  });

/** The first varUint of a message (its type), or -1 when there is none. */
export function messageType(data: Uint8Array): number {
  try {
    return decoding.readVarUint(decoding.createDecoder(data));
  } catch {
    return -1;
  }
}

/**
 * One replica's protocol state. `attach` is the socket opening (sends step 1), `receive`
 * handles a server message, local document updates are sent while attached — as the stock
 * provider does, so offline edits travel later in the step-2 reply to the server's step 1.
 */
export class SyncClient {
  /** True once the server's step 2 arrived on the current connection. */
  synced = false;
  /** Acknowledgement ids received, in order. */
  readonly acks: number[] = [];
  /** Reasons of y-protocols permission-denied messages received. */
  readonly denied: string[] = [];
  /** Called with every acknowledgement id as it arrives. */
  onAck: ((id: number) => void) | null = null;
  private send: ((data: Uint8Array) => void) | null = null;

  constructor(readonly doc: Y.Doc) {
    doc.on('update', this.onUpdate);
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin !== this && this.send) this.send(updateMessage(update));
  };

  get attached(): boolean {
    return this.send !== null;
  }

  attach(send: (data: Uint8Array) => void): void {
    this.send = send;
    this.synced = false;
    send(step1Message(this.doc));
  }

  detach(): void {
    this.send = null;
    this.synced = false;
  }

  requestAck(id: number): void {
    this.send?.(ackRequest(id));
  }

  receive(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MSG.sync: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MSG.sync);
        const subtype = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
        if (subtype === syncProtocol.messageYjsSyncStep2) this.synced = true;
        if (encoding.length(encoder) > 1) this.send?.(encoding.toUint8Array(encoder));
        break;
      }
      case MSG.auth:
        if (decoding.readVarUint(decoder) === 0) this.denied.push(decoding.readVarString(decoder));
        break;
      case MSG.ack: {
        const id = decoding.readVarUint(decoder);
        this.acks.push(id);
        this.onAck?.(id);
        break;
      }
      default:
        // awareness and query-awareness: not needed by these clients.
        break;
    }
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
    this.send = null;
  }
}

/**
 * True when `doc` already holds everything in `updates`: applying them to a copy changes
 * nothing and leaves nothing pending (works for deletions too, which a state vector misses).
 */
export function containsAll(doc: Y.Doc, updates: Uint8Array[]): boolean {
  if (updates.length === 0) return true;
  const copy = new Y.Doc({ gc: false });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let changed = false;
  copy.on('update', () => (changed = true));
  Y.applyUpdate(copy, Y.mergeUpdates(updates));
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return !changed && !pending;
}
