/**
 * Sends what a room has for its sockets: one message to all (but its sender), a durable
 * batch's updates in one write per socket, and the replies that waited for a write. Each
 * message is framed once for everyone (frames.ts): a relay to ten people is ten writes of
 * one buffer, not ten framings.
 */
import type { Connection } from './connection.js';
import { Outgoing } from './frames.js';

/** One message to send once it is durable; `except` is its sender. */
export interface Send {
  message: Uint8Array;
  except: Connection | null;
}

export class Relay {
  constructor(private readonly conns: ReadonlySet<Connection>) {}

  broadcast(message: Uint8Array, except: Connection | null): void {
    const outs = [new Outgoing(message)];
    for (const conn of this.conns) if (conn !== except) conn.sendShared(outs);
  }

  /** Every socket gets all of the batch's updates but its own in one write, not one write per update. */
  relay(sends: Send[]): void {
    if (sends.length <= 1) {
      if (sends.length === 1) this.broadcast(sends[0]!.message, sends[0]!.except);
      return;
    }
    const outs = sends.map((s) => new Outgoing(s.message));
    for (const conn of this.conns) {
      const mine = outs.filter((_, i) => sends[i]!.except !== conn);
      if (mine.length) conn.sendShared(mine);
    }
  }

  /** Runs what waited for a write; several acknowledgements and replies for one socket leave in one write. */
  runAfter(after: Array<() => void>): void {
    const corked = after.length > 1 ? [...this.conns] : [];
    for (const conn of corked) conn.cork();
    try {
      for (const fn of after) fn();
    } finally {
      for (const conn of corked) conn.uncork();
    }
  }
}
