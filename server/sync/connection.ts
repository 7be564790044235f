/**
 * One client socket attached to a room: who it is (from the server's session, never from
 * the client), what it may do to the document, and the awareness client ids it controls.
 */
import { CLOSE, type CloseKind } from '../../shared/protocol/closeCodes.js';
import type { User } from '../../shared/protocol/auth.js';
import type { DocAccess } from '../auth/permissions.js';
import type { UpdateAuthor } from '../storage/index.js';
import type { Origin } from './origins.js';
import type * as Y from 'yjs';
import type { Outgoing } from './frames.js';
import { TokenBucket } from './tokenBucket.js';

/** The part of a WebSocket the room needs; lets tests and other transports plug in. */
export interface SocketLike {
  /** `written`, when given, is called once the data has been handed to the operating system. */
  send(data: Uint8Array, written?: () => void): void;
  close(code: number, reason: string): void;
  /** Writes an already framed WebSocket message as it is (optional; `send` otherwise). */
  sendFrame?(frame: Buffer): void;
  /** Holds writes until `uncork`, so several messages leave in one system call (optional). */
  cork?(): void;
  uncork?(): void;
  /** Bytes handed to the socket and not yet written to the network (optional). */
  buffered?(): number;
}

/** Unsent bytes a socket may hold; a reader that lets more pile up is closed (4408) and resyncs on reconnect. */
export const MAX_UNSENT_BYTES = 16 * 1024 * 1024;

/** Time applying one connection's updates may take: 250 ms per second, up to 1 s at once. */
export const COST_BUDGET = { msPerSecond: 250, burstMs: 1000 } as const;

export const authorOf = (user: User): UpdateAuthor => ({ userId: user.id, name: user.name, affiliation: user.affiliation.kind });

export class Connection {
  /** Awareness client ids this connection has announced (removed when it leaves). */
  readonly awarenessIds = new Set<number>();
  /** The transaction origin of this connection's updates (one object, compared by identity). */
  readonly origin: Origin;
  readonly author: UpdateAuthor;
  closed = false;
  /** Set once a change of this socket was refused: no acknowledgement may follow (it would say the change was saved). */
  writesRefused = false;
  /** Milliseconds of applying this socket's updates still allowed (refilled over time). */
  readonly cost = new TokenBucket(COST_BUDGET.msPerSecond, COST_BUDGET.burstMs, () => performance.now());
  /** A step 1 reply is on its way; a newer step 1 waits here (only the latest is answered). */
  step1Busy = false;
  step1Next: Uint8Array | null = null;
  /**
   * Reads this connection's access (set by the room it joins): evaluated again at every
   * `Room.reviewAccess`, so a change of rights holds for open connections too.
   */
  accessOf: ((doc: Y.Doc) => DocAccess) | null = null;

  constructor(
    private readonly socket: SocketLike,
    readonly user: User,
    /** Re-evaluated when the rights change (a reorganisation moves them). */
    public access: DocAccess,
  ) {
    this.origin = { kind: 'client', conn: this };
    this.author = authorOf(user);
  }

  send(message: Uint8Array, written?: () => void): void {
    if (this.closed || this.overfull()) return;
    try {
      this.socket.send(message, written);
    } catch {
      this.close('serverError');
    }
  }

  /** Sends messages that go to several receivers (each framed once for all), in one write. */
  sendShared(outs: Outgoing[]): void {
    if (this.closed || this.overfull()) return;
    try {
      if (this.socket.sendFrame) this.socket.sendFrame(outs.length === 1 ? outs[0]!.frame : Buffer.concat(outs.map((o) => o.frame)));
      else for (const out of outs) this.socket.send(out.message);
    } catch {
      this.close('serverError');
    }
  }

  /** True (and the socket closed) when it holds more unsent bytes than a reader that reads ever would. */
  private overfull(): boolean {
    if ((this.socket.buffered?.() ?? 0) <= MAX_UNSENT_BYTES) return false;
    this.close('slowReader');
    return true;
  }

  /** Messages sent until `uncork` leave together (nested calls count). */
  cork(): void {
    this.socket.cork?.();
  }

  uncork(): void {
    this.socket.uncork?.();
  }

  /** Closes the socket with one of the protocol's close codes; `detail` refines the reason. */
  close(kind: CloseKind, detail?: string): void {
    if (this.closed) return;
    this.closed = true;
    const { code, reason } = CLOSE[kind];
    // A close reason may hold at most 123 bytes.
    const text = detail ? `${reason}: ${detail}` : reason;
    try {
      this.socket.close(code, Buffer.from(text).byteLength > 123 ? reason : text);
    } catch {
      /* already closed */
    }
  }
}
