/** Stock y-websocket providers in Node (through the `ws` package), as a browser would connect. */
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { waitFor } from './waitFor.js';

export interface Peer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  destroy(): void;
}

export function connectPeer(wsUrl: string, docName: string, opts: { connect?: boolean; token?: string } = {}): Peer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Without this, providers in one process sync through BroadcastChannel, bypassing the server.
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 200,
    params: opts.token ? { token: opts.token } : {},
  });
  return {
    doc,
    provider,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function connectSynced(wsUrl: string, docName: string, token?: string): Promise<Peer> {
  const peer = connectPeer(wsUrl, docName, { token });
  await waitFor(() => peer.provider.synced, { what: `${docName} to sync` });
  return peer;
}
