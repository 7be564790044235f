/**
 * The private parts of ws and y-protocols that sync relies on (server/sync/libraryInternals.ts)
 * are still where it expects them: an upgrade that moves one fails here, not as slower relays,
 * idle timers in every document, or garbled frames in production.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { stopAwarenessTimer, tcpSocketOf, wsFrame } from '../../server/sync/libraryInternals.js';
import { binaryFrame } from '../../server/sync/frames.js';

describe('library internals sync relies on', () => {
  let server: WebSocketServer;
  let url: string;
  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('y-protocols keeps the awareness timer in _checkInterval, and stopping it leaves no timer running', () => {
    vi.useFakeTimers();
    try {
      const doc = new Y.Doc();
      const awareness = new Awareness(doc);
      expect(vi.getTimerCount()).toBe(1);
      stopAwarenessTimer(awareness);
      expect(vi.getTimerCount()).toBe(0);
      awareness.destroy();
      doc.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ws keeps its TCP socket in _socket, and a frame written there reaches the client as a message', async () => {
    const serverSide = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
    const client = new WebSocket(url);
    const received = new Promise<Buffer>((resolve) => client.once('message', (data: Buffer) => resolve(data)));
    await new Promise<void>((resolve) => client.once('open', () => resolve()));
    const raw = await serverSide;
    const tcp = tcpSocketOf(raw);
    expect(tcp).toBeDefined();
    tcp!.cork();
    tcp!.write(binaryFrame(new Uint8Array([7, 8, 9])));
    tcp!.uncork();
    expect([...(await received)]).toEqual([7, 8, 9]);
    client.close();
  });

  it('ws Sender.frame frames an unmasked binary message as RFC 6455 says', () => {
    const parts = wsFrame(Buffer.from([1, 2, 3]), { fin: true, opcode: 2, mask: false, readOnly: true, rsv1: false });
    expect([...Buffer.concat(parts)]).toEqual([0x82, 3, 1, 2, 3]);
  });
});
