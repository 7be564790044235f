/**
 * The only places sync reaches into libraries' private parts, each for a cost the public API
 * cannot avoid, none of them typed by the library: an upgrade of `ws` or `y-protocols` must
 * be checked against this file (test/server/libraryInternals.test.ts fails when one is gone).
 *
 * - y-protocols `Awareness._checkInterval` (1.0.x): every Awareness starts its own 3 s timer,
 *   and only `destroy()` stops it. A thousand idle documents would wake the process 333 times
 *   a second; the registry runs one sweep for all instead (Room.expireAwareness). If the field
 *   is renamed, nothing fails visibly: the per-document timers simply run again.
 * - ws `WebSocket._socket` (8.x): the TCP socket, for frames built once for many receivers
 *   and for corking several messages into one write. Without it sockets fall back to
 *   `send` (one framing and one write per receiver and message): slower, still correct.
 * - ws `Sender.frame` (8.x): exported by ws but missing from its type definitions; frames a
 *   message once for every receiver. If its signature changes, relays would send garbage:
 *   that is what the test above guards.
 */
import * as ws from 'ws';
import type { WebSocket } from 'ws';
import type { Awareness } from 'y-protocols/awareness';

/** Stops the Awareness's own expiry timer (see above); the caller then expires states itself. */
export function stopAwarenessTimer(awareness: Awareness): void {
  clearInterval((awareness as unknown as { _checkInterval?: NodeJS.Timeout })._checkInterval);
}

/** What sync writes to a ws socket's TCP socket directly. */
export interface TcpSocket {
  cork(): void;
  uncork(): void;
  write(b: Buffer): boolean;
}

/** The TCP socket under a ws WebSocket, or undefined when ws no longer keeps it there. */
export function tcpSocketOf(raw: WebSocket): TcpSocket | undefined {
  return (raw as unknown as { _socket?: TcpSocket })._socket;
}

type FrameOptions = { fin: boolean; opcode: number; mask: boolean; readOnly: boolean; rsv1: boolean };

/** ws's framing function. */
export const wsFrame = (ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } }).Sender.frame;
