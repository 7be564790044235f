/**
 * What a room tells the same document's rooms in other processes: an update that is already
 * durable (with the seqs the store gave it, so the receiver knows which part of the log its
 * Y.Doc holds), an awareness change, or a request for everyone's awareness (a room that has
 * just loaded). Binary, lib0-encoded; only our own processes send these.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export type PeerMessage =
  /**
   * Updates `fromSeq..toSeq` of the log, merged into one Yjs update, with the client ids they
   * bound to their writers (so every process refuses the same foreign writes).
   */
  | { type: 'update'; fromSeq: number; toSeq: number; update: Uint8Array; claims?: Array<{ clientId: number; userId: string }> }
  /** A y-protocols awareness update (states of the sender's own clients). */
  | { type: 'awareness'; update: Uint8Array }
  /** "Send me your clients' awareness states." */
  | { type: 'queryAwareness' };

const TYPE = { update: 0, awareness: 1, queryAwareness: 2 } as const;

export function encodePeerMessage(m: PeerMessage): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, TYPE[m.type]);
  if (m.type === 'update') {
    encoding.writeVarUint(e, m.fromSeq);
    encoding.writeVarUint(e, m.toSeq);
    encoding.writeVarUint8Array(e, m.update);
    // Only when there are some: the message stays what processes without claims understand.
    if (m.claims?.length) {
      encoding.writeVarUint(e, m.claims.length);
      for (const c of m.claims) {
        encoding.writeVarUint(e, c.clientId);
        encoding.writeVarString(e, c.userId);
      }
    }
  } else if (m.type === 'awareness') {
    encoding.writeVarUint8Array(e, m.update);
  }
  return encoding.toUint8Array(e);
}

/** Throws on anything malformed. */
export function decodePeerMessage(data: Uint8Array): PeerMessage {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  let m: PeerMessage;
  if (type === TYPE.update) {
    const fromSeq = decoding.readVarUint(d);
    const toSeq = decoding.readVarUint(d);
    if (fromSeq < 1 || toSeq < fromSeq) throw new Error(`bad seq range ${fromSeq}..${toSeq}`);
    const update = decoding.readVarUint8Array(d);
    const claims: Array<{ clientId: number; userId: string }> = [];
    if (decoding.hasContent(d)) {
      for (let n = decoding.readVarUint(d); n > 0; n--) claims.push({ clientId: decoding.readVarUint(d), userId: decoding.readVarString(d) });
    }
    m = { type: 'update', fromSeq, toSeq, update, ...(claims.length ? { claims } : {}) };
  } else if (type === TYPE.awareness) {
    m = { type: 'awareness', update: decoding.readVarUint8Array(d) };
  } else if (type === TYPE.queryAwareness) {
    m = { type: 'queryAwareness' };
  } else {
    throw new Error(`unknown peer message type ${type}`);
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes');
  return m;
}
