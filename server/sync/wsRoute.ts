/**
 * The `/sync/<document>` WebSocket endpoint: Hono's upgrade glue, then the raw `ws` socket
 * is handed to the room (binary frames straight to the decoder, no per-message wrappers).
 * The user comes from the session (cookie or `?token=`); without one the socket is closed
 * with 4401 before it can read anything, and when the session ends while it is open. A
 * browser's socket from a page of another origin is closed with 4403 before it is attached.
 */
import type { Hono } from 'hono';
import type { UpgradeWebSocket } from 'hono/ws';
import type { WebSocket } from 'ws';
import { parseDocName } from '../../shared/protocol/docNames.js';
import { accessToDoc } from '../auth/docAccess.js';
import type { CommitmentRef } from '../auth/permissions.js';
import type { AuthEnv } from '../auth/middleware.js';
import { judgeOrigin, originOf } from '../auth/sameOrigin.js';
import type { SessionInfo } from '../auth/sessions.js';
import { CLOSE } from '../../shared/protocol/closeCodes.js';
import { Connection, type SocketLike } from './connection.js';
import type { SyncObserver } from './observer.js';
import { TokenBucket } from './tokenBucket.js';
import { tcpSocketOf } from './libraryInternals.js';
import type { Room } from './room.js';
import type { Rooms } from './rooms.js';
import type { SessionSockets } from './sessionSockets.js';
import type { Logger } from '../log.js';

/** ws closes an over-long message itself with this code before we see it. */
const WS_MESSAGE_TOO_BIG = 1009;

/**
 * What a socket needs of a commitment's rights rows (the rights feature provides them): read
 * before it joins, and kept current while it is open. Declared here so sync imports no feature.
 */
export interface CommitmentRights {
  load(commitmentId: string): Promise<CommitmentRef | null>;
  cached(commitmentId: string): CommitmentRef | null;
  /** The document shows the rows: a copy changed by anything but the server is put right. */
  checkMirrorSoon(commitmentId: string): void;
}

export interface SyncRouteDeps {
  rooms: Rooms;
  maxMessageBytes: number;
  /** Per-socket message rate (token bucket): average per second and burst. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Sockets this process keeps open at once; more are closed with 1013. */
  maxConnections: number;
  /** Sockets currently open (for health and metrics). */
  sockets: Set<WebSocket>;
  /** Counts refused sockets and messages by reason. */
  observer?: SyncObserver;
  /** `GONGBI_PUBLIC_ORIGIN`: a browser's socket must come from a page of it (empty: of the request's host). */
  publicOrigin: string;
  /** Open sockets by session and person, closed with 4401 when their session ends. */
  sessionSockets?: SessionSockets;
  /** Who may write a commitment (its rights rows), read before a socket joins and kept current. */
  rights: CommitmentRights;
  /** Where refused and ended sockets are logged (never with the token). */
  logger?: Logger;
}

export function mountSyncRoute(app: Hono<AuthEnv>, upgradeWebSocket: UpgradeWebSocket<WebSocket>, deps: SyncRouteDeps): void {
  app.get(
    '/sync/:name',
    upgradeWebSocket((c) => {
      const name = c.req.param('name') ?? '';
      const session = c.get('session');
      // Browsers send the cookie with a socket opened by any page of the same site, and
      // WebSockets know no CORS: only the Origin header tells the editor from another page.
      const verdict = judgeOrigin(originOf(c), deps.publicOrigin);
      return {
        onOpen(_evt, ws) {
          const raw = ws.raw as WebSocket;
          if (!verdict.ok) {
            deps.observer?.refused('cross_origin');
            deps.logger?.info('socket refused', { reason: 'cross_origin', doc: name, from: verdict.from, userId: session?.user.id ?? null, code: CLOSE.crossOrigin.code });
            raw.close(CLOSE.crossOrigin.code, closeReason(`${CLOSE.crossOrigin.reason}: ${verdict.from}`, CLOSE.crossOrigin.reason));
            return;
          }
          attachSocket(raw, name, session, deps);
        },
      };
    }),
  );
}

/** A close reason may hold at most 123 bytes. */
function closeReason(text: string, fallback: string): string {
  return Buffer.byteLength(text) <= 123 ? text : fallback;
}

/**
 * The ws socket as the room sees it, with direct access to its TCP socket (ws keeps it
 * private) for frames built once for many receivers and for corking.
 */
function socketOf(raw: WebSocket): SocketLike {
  const tcp = tcpSocketOf(raw);
  const socket: SocketLike = {
    send: (data, written) => raw.send(data, written),
    close: (code, reason) => raw.close(code, reason),
    buffered: () => raw.bufferedAmount,
  };
  if (!tcp) return socket;
  return {
    ...socket,
    // Whole frames only, and only while open: nothing may follow a close frame.
    sendFrame: (frame) => {
      if (raw.readyState === raw.OPEN) tcp.write(frame);
    },
    cork: () => tcp.cork(),
    uncork: () => tcp.uncork(),
  };
}

function attachSocket(raw: WebSocket, name: string, session: SessionInfo | null, deps: SyncRouteDeps): void {
  const user = session?.user ?? null;
  const refused = (reason: string) => {
    deps.observer?.refused(reason);
    deps.logger?.info('socket refused', { reason, doc: name, userId: user?.id ?? null });
  };
  if (deps.sockets.size >= deps.maxConnections) {
    refused('too_many_connections');
    raw.close(CLOSE.overloaded.code, CLOSE.overloaded.reason);
    return;
  }
  if (!session || !user) {
    refused('unauthenticated');
    raw.close(CLOSE.unauthorized.code, `${CLOSE.unauthorized.reason}: sign in again, then reconnect`);
    return;
  }
  deps.sockets.add(raw);
  // Read-only until the document is loaded and the user's access to it is known.
  const conn = new Connection(socketOf(raw), user, 'read');
  // From now on, the session's end (sign-out, expiry, a disabled account) closes this socket.
  const unregister = deps.sessionSockets?.register({
    tokenHash: session.tokenHash,
    userId: user.id,
    expiresAt: session.expiresAt,
    close: (detail) => {
      deps.logger?.info('socket closed', { reason: detail, doc: name, userId: user.id, code: CLOSE.unauthorized.code });
      conn.close('unauthorized', detail);
    },
  });
  let room: Room | null = null;
  const early: Uint8Array[] = [];
  const bucket = new TokenBucket(deps.messagesPerSecond, deps.messageBurst);

  raw.on('message', (data: Buffer, isBinary: boolean) => {
    // Frames already received when the socket was closed are not handled.
    if (conn.closed) return;
    if (!bucket.take()) return refused('rate_limited'), conn.close('rateLimited');
    if (!isBinary) return refused('malformed'), conn.close('badMessage', 'text frames are not part of the protocol');
    if (data.byteLength > deps.maxMessageBytes) return refused('too_large'), conn.close('tooLarge');
    if (room) room.handleMessage(conn, data);
    else early.push(data);
  });
  raw.on('close', (code) => {
    deps.sockets.delete(raw);
    unregister?.();
    conn.closed = true;
    if (code === WS_MESSAGE_TOO_BIG) refused('too_large'), conn.close('tooLarge');
    room?.leave(conn);
  });
  raw.on('error', () => conn.close('badMessage'));

  if (!parseDocName(name)) {
    conn.close('unknownDocument', 'invalid name');
    return;
  }
  // A commitment's rights are read from the rows before the socket joins: its access is
  // never read from the document, and the rights service keeps the rows current for it.
  const commitment = parseDocName(name)!.kind === 'commitment';
  Promise.all([deps.rooms.get(name), commitment ? deps.rights.load(name) : null]).then(
    ([loaded]) => {
      if (conn.closed) return;
      if (!loaded) return refused('unknown_document'), conn.close('unknownDocument', name);
      room = loaded;
      room.join(conn, () => accessToDoc(user, name, commitment ? deps.rights.cached(name) : null));
      // The document shows the rows (a copy changed by anything but the server is put right).
      if (commitment) deps.rights.checkMirrorSoon(name);
      for (const data of early.splice(0)) room.handleMessage(conn, data);
    },
    () => conn.close('unavailable'),
  );
}
