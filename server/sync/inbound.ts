/**
 * What a room's clients send: each message decoded and checked whole before anything in it
 * takes effect (a malformed one closes only its sender's socket), then dispatched to the job
 * it is for. Updates are not applied one by one: those of the current socket reads wait in an
 * inbox and are applied together a microtask later, one Yjs transaction per run of one
 * connection's updates instead of one per update, which is most of the cost of ingesting many
 * small updates. Everything else a client asks for takes effect after the updates it sent
 * before it (an acknowledgement must cover them, a step 2 reply must contain them).
 */
import * as decoding from 'lib0/decoding';
import { encodeAck, MSG, readAckId } from '../../shared/protocol/messages.js';
import type { Connection } from './connection.js';
import type { RoomDocument } from './document.js';
import type { RoomJobs } from './room.js';
import { SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE } from './messages.js';
import { refuseMalformed } from './refusals.js';

class BadMessage extends Error {}

/** A client's update, received and checked, waiting for the rest of its socket read. */
export interface Received {
  conn: Connection;
  update: Uint8Array;
  subtype: number;
}

export class Inbound {
  private inbox: Received[] = [];
  private inboxScheduled = false;

  constructor(
    private readonly doc: RoomDocument,
    private readonly jobs: RoomJobs,
  ) {}

  /** True when no update waits in the inbox. */
  get empty(): boolean {
    return this.inbox.length === 0;
  }

  /** Handles one message of `conn`. */
  handle(conn: Connection, data: Uint8Array): void {
    // Nothing from a socket the server has closed takes effect (frames already in flight).
    if (!this.doc.ready || conn.closed) return;
    if (!this.doc.built) {
      if (this.doc.answerColdJoin(conn, data)) return;
      try {
        this.doc.build();
      } catch {
        return;
      }
    }
    try {
      this.decode(conn, data)();
    } catch (err) {
      refuseMalformed(this.doc, conn, err, err instanceof BadMessage ? err.message : undefined);
    }
  }

  /** Parses a message into the action it asks for; throws on anything malformed. */
  private decode(conn: Connection, data: Uint8Array): () => void {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    const { presence, waiting, durability } = this.jobs;
    let action: () => void;
    let queued = false;
    switch (type) {
      case MSG.sync: {
        const subtype = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (subtype === SYNC_STEP1) action = () => this.answerStep1(conn, payload);
        else if (subtype === SYNC_STEP2 || subtype === SYNC_UPDATE) {
          action = () => this.enqueue({ conn, update: payload, subtype });
          queued = true;
        }
        else throw new BadMessage(`unknown sync message ${subtype}`);
        break;
      }
      case MSG.awareness:
        action = presence.receive(conn, decoding.readVarUint8Array(decoder));
        break;
      case MSG.queryAwareness:
        action = () => presence.answerQuery(conn);
        break;
      case MSG.ack: {
        const id = readAckId(decoder);
        action = () => {
          // Not while part of what this socket sent is still waiting: that is not stored.
          if (conn.writesRefused) return;
          if (!waiting.holdAck(conn, id)) durability.afterDurable(() => conn.send(encodeAck(id)));
        };
        break;
      }
      default:
        throw new BadMessage(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new BadMessage('trailing bytes');
    if (queued) return action;
    return () => {
      this.drain();
      action();
    };
  }

  private enqueue(received: Received): void {
    this.inbox.push(received);
    if (this.inboxScheduled) return;
    this.inboxScheduled = true;
    queueMicrotask(this.drain);
  }

  /**
   * Applies the waiting updates in order, each run of one connection's updates through the
   * write gate together (one check, one transaction).
   */
  readonly drain = (): void => {
    this.inboxScheduled = false;
    if (this.inbox.length === 0) return;
    const inbox = this.inbox;
    this.inbox = [];
    // A socket closed since (rate limit, hung up) keeps what it sent before; one the room
    // closes while applying (a bad update, the size limit) loses the rest.
    let closedEarlier: Set<Connection> | null = null;
    for (const r of inbox) if (r.conn.closed) (closedEarlier ??= new Set()).add(r.conn);
    let i = 0;
    while (i < inbox.length && this.doc.ready) {
      const { conn } = inbox[i]!;
      const run: Received[] = [];
      while (i < inbox.length && inbox[i]!.conn === conn) run.push(inbox[i++]!);
      if (conn.closed && !closedEarlier?.has(conn)) continue;
      this.jobs.gate.receiveRun(conn, run);
    }
  };

  /**
   * Answers a step 1. One reply per socket is on its way at a time: a client that sends step
   * 1 after step 1 and never reads gets the latest answered once, not a copy of the whole
   * document per message.
   */
  private answerStep1(conn: Connection, sv: Uint8Array): void {
    if (conn.step1Busy) {
      conn.step1Next = sv;
      return;
    }
    conn.step1Busy = true;
    // Encoded now, so it holds exactly what is applied now; sent once that is durable.
    const reply = this.doc.syncReply(sv);
    this.jobs.durability.afterDurable(() =>
      conn.send(reply, () => {
        conn.step1Busy = false;
        const next = conn.step1Next;
        conn.step1Next = null;
        if (next && this.doc.ready && !conn.closed) this.answerStep1(conn, next);
      }),
    );
  }

  /** Forgets what was not applied yet (the room failed). */
  drop(): void {
    this.inbox = [];
  }
}
