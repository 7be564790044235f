/**
 * A message framed once as a WebSocket binary frame, written as the same bytes to every
 * receiver. `ws` would build a header and go through its sender for each socket; a relay to
 * ten people is ten writes of one buffer instead.
 */
import { wsFrame } from './libraryInternals.js';

const BINARY = 2;

/** A message for several receivers; its frame is built on first use, once. */
export class Outgoing {
  private framed: Buffer | null = null;
  constructor(readonly message: Uint8Array) {}
  get frame(): Buffer {
    return (this.framed ??= binaryFrame(this.message));
  }
}

export function binaryFrame(message: Uint8Array): Buffer {
  const data = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
  // Server-to-client frames are never masked (RFC 6455 §5.1).
  return Buffer.concat(wsFrame(data, { fin: true, opcode: BINARY, mask: false, readOnly: true, rsv1: false }));
}
