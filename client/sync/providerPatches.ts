/**
 * Every change DocSession makes inside y-websocket, in one file, because its public API has no
 * way to do them: no hook for a message type of our own (the server's `[MSG.ack, id]`
 * answers), none for the reason the server gives when it refuses a write (the stock auth
 * handler only logs it), none to filter what awareness is sent, and no call to send a message.
 * Its documented surface (connect, disconnect, shouldConnect, synced, the status, sync,
 * connection-close and closed events) is used as documented, in DocSession.
 *
 * What to check on an upgrade of y-websocket (written against 3.1). The acknowledgements are
 * exercised by test/client/offlineState.test.ts and test/browser/offline.test.ts, the
 * unanswered step 1 by test/browser/readers.test.ts; the awareness filter has no test of its own.
 * - `provider.messageHandlers`: the handler signature `(encoder, decoder, provider, emitSynced,
 *   type)`, and the message numbers of shared/protocol/messages.ts. Before 3.x one array was
 *   shared by every provider, so each handler looks its session up by provider.
 * - `provider._awarenessUpdateHandler` (private, but typed: `npx tsc` reports a rename). If it
 *   changes, the stock listener relays every state this client hears and the server refuses
 *   the other people's.
 * - `provider.ws` (typed, undocumented): the socket acknowledgement requests and re-offered
 *   updates are written to. DocSession also reads `ws` (null: no socket), sets `disableBc` and
 *   calls `connectBc()`, typed members the README does not list.
 */
import type { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1 as SYNC_STEP1, writeUpdate } from 'y-protocols/sync';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import { AUTH_PERMISSION_DENIED, encodeAck, MSG, readAckId } from '../../shared/protocol/messages.js';
import { rootsOf } from '../../shared/protocol/awarenessState.js';
import { cleanCarets } from './remoteCarets.js';

/** What a session answers for its provider. */
export interface ProviderHooks {
  /** The server refused a change (y-protocols' auth message carries its reason). */
  onRefused(reason: string): void;
  /** The server answered acknowledgement request `id`. */
  onAck(id: number): void;
  /** True when this copy can hold nothing the server lacks: its sync step 1 then goes unanswered. */
  hasNothingToOffer(): boolean;
}

const OPEN = 1;

/** Which session a provider belongs to, for handlers that only receive the provider. */
const hooksOf = new WeakMap<WebsocketProvider, ProviderHooks>();

/** Replaces the stock auth, awareness and sync handlers and adds the acknowledgement one. */
export function installMessageHandlers(provider: WebsocketProvider, docName: string, hooks: ProviderHooks): void {
  hooksOf.set(provider, hooks);
  provider.messageHandlers[MSG.auth] = (_encoder, decoder, p) => {
    if (decoding.readVarUint(decoder) !== AUTH_PERMISSION_DENIED) return;
    hooksOf.get(p)?.onRefused(decoding.readVarString(decoder));
  };
  // Other people's states pass through cleanCarets: the caret plugin would throw on a bad one.
  provider.messageHandlers[MSG.awareness] = (_encoder, decoder, p) => {
    const update = cleanCarets(decoding.readVarUint8Array(decoder), rootsOf(docName));
    if (update) applyAwarenessUpdate(p.awareness, update, p);
  };
  // The stock handler answers the server's step 1 with everything this copy holds. A reader
  // holds nothing of their own: an answer would only be an edit the server has to refuse.
  // (emitSynced is false for the tabs' channel, whose step 1 is always answered.)
  const stockSync = provider.messageHandlers[MSG.sync]!;
  provider.messageHandlers[MSG.sync] = (encoder, decoder, p, emitSynced, type) => {
    if (emitSynced && decoding.peekVarUint(decoder) === SYNC_STEP1 && hooksOf.get(p)?.hasNothingToOffer()) {
      decoding.readVarUint(decoder);
      decoding.readVarUint8Array(decoder);
      return;
    }
    stockSync(encoder, decoder, p, emitSynced, type);
  };
  provider.messageHandlers[MSG.ack] = (_encoder, decoder, p) => {
    hooksOf.get(p)?.onAck(readAckId(decoder));
  };
}

/**
 * Stock y-websocket re-sends every awareness change it hears, other people's included (it
 * was built for peer-to-peer relays); the Gongbi server rejects states it did not get from
 * their owner, so only this client's own state is sent. Returns the undo, for destroy.
 */
export function sendOnlyOwnAwareness(provider: WebsocketProvider, clientID: number): () => void {
  const stock = provider._awarenessUpdateHandler;
  const mine = (ids: number[]) => ids.filter((id) => id === clientID);
  const filtered = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changes = { added: mine(added), updated: mine(updated), removed: mine(removed) };
    if (changes.added.length + changes.updated.length + changes.removed.length > 0) stock(changes, origin);
  };
  provider.awareness.off('update', stock);
  provider.awareness.on('update', filtered);
  return () => provider.awareness.off('update', filtered);
}

/** Whether the provider's socket is open (messages written now reach the server). */
export const socketOpen = (provider: WebsocketProvider): boolean => provider.ws?.readyState === OPEN;

/** Writes one message on the open socket; false (nothing sent) when it is not open. */
function send(provider: WebsocketProvider, build: (encoder: encoding.Encoder) => void): boolean {
  const ws = provider.ws;
  if (!ws || ws.readyState !== OPEN) return false;
  const encoder = encoding.createEncoder();
  build(encoder);
  ws.send(encoding.toUint8Array(encoder));
  return true;
}

/** `[MSG.ack, id]`: answered once everything received before it on this socket is durably stored. */
export function sendAckRequest(provider: WebsocketProvider, id: number): boolean {
  const ws = provider.ws;
  if (!ws || ws.readyState !== OPEN) return false;
  ws.send(encodeAck(id));
  return true;
}

/** A Yjs update sent to the server as a sync message, the way the provider sends local edits. */
export const sendUpdate = (provider: WebsocketProvider, update: Uint8Array): boolean =>
  send(provider, (encoder) => {
    encoding.writeVarUint(encoder, MSG.sync);
    writeUpdate(encoder, update);
  });
