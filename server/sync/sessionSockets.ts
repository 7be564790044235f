/**
 * Which open sync sockets belong to which session and which person, so that a session that
 * ends — sign-out, expiry, a disabled account, in this process or another — stops writing at
 * once: its sockets are closed with 4401 instead of living on until they disconnect.
 */
import type { Logger } from '../log.js';
import type { PubSub } from '../pubsub/types.js';
import type { AccountStore } from '../storage/index.js';

/** One registered socket: whose session it runs under and how to close it. */
export interface SessionSocket {
  tokenHash: string;
  userId: string;
  /** When the session expires (epoch ms), learnt when the socket connected. */
  expiresAt: number;
  /** Closes the socket with 4401; `detail` says why (it follows "sign-in required: "). */
  close(detail: string): void;
}

/** A session, or every session of a person, that ended. */
export type SessionEnd = { tokenHash: string } | { userId: string };

/** Why a socket is closed, as people read it after "sign-in required: ". */
export const END_REASON = {
  signedOut: 'signed out',
  expired: 'session expired',
  accountEnded: 'account disabled or sessions ended',
  ended: 'session ended',
} as const;

/**
 * The pub/sub channel of session ends between processes. Document names are `c-…`, `cm-…`,
 * `plan-…` (shared/protocol/docNames.ts), so no document's channel can be this one.
 */
export const SESSION_CHANNEL = 'control:sessions';

/** Expiry is checked at most this often, so a thousand sessions ending close together cost a few wake-ups. */
const MIN_WAKE_MS = 1000;
/** setTimeout's longest delay is about 24.8 days; we wake at least daily and look again. */
const MAX_WAKE_MS = 24 * 3600_000;

function encodeEnd(end: SessionEnd): Uint8Array {
  return new TextEncoder().encode(JSON.stringify('tokenHash' in end ? { t: 's', h: end.tokenHash } : { t: 'u', u: end.userId }));
}

function decodeEnd(message: Uint8Array): SessionEnd | null {
  if (message.byteLength > 512) return null;
  try {
    const m = JSON.parse(new TextDecoder().decode(message)) as { t?: unknown; h?: unknown; u?: unknown };
    if (m.t === 's' && typeof m.h === 'string') return { tokenHash: m.h };
    if (m.t === 'u' && typeof m.u === 'string') return { userId: m.u };
  } catch {
    /* not ours */
  }
  return null;
}

/**
 * Tells the other processes that a session or a person's sessions ended (they close their
 * sockets of it). For a command that runs outside the server, e.g. disabling an account: it
 * deletes the sessions in the store first, then calls this with its own pub/sub connection.
 * Without Redis there is nobody to tell: the servers' periodic store check closes them.
 */
export function publishSessionEnd(pubsub: PubSub, end: SessionEnd): Promise<void> {
  return pubsub.publish(SESSION_CHANNEL, encodeEnd(end));
}

export interface SessionSocketsOptions {
  /** Where the sessions are stored: asked every `checkIntervalMs` which are still valid. */
  store: Pick<AccountStore, 'liveSessions'>;
  /** Session ends are published to and heard from the other processes here. */
  pubsub?: PubSub;
  /** How often every registered session is checked against the store (ms). */
  checkIntervalMs: number;
  logger: Logger;
  now?: () => number;
}

export class SessionSockets {
  private readonly bySession = new Map<string, Set<SessionSocket>>();
  private readonly byUser = new Map<string, Set<SessionSocket>>();
  private readonly now: () => number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private wakeAt = Infinity;
  private nextStoreCheck = 0;
  private checking = false;
  private stopped = true;
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(private readonly options: SessionSocketsOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Sockets registered now. */
  get size(): number {
    let n = 0;
    for (const set of this.bySession.values()) n += set.size;
    return n;
  }

  /** Starts the expiry timer and listens for session ends published by other processes. */
  async start(): Promise<void> {
    this.stopped = false;
    this.nextStoreCheck = this.now() + this.options.checkIntervalMs;
    this.schedule();
    if (!this.options.pubsub || this.options.pubsub.kind === 'local') return;
    try {
      const unsubscribe = await this.options.pubsub.subscribe(SESSION_CHANNEL, (message) => {
        const end = decodeEnd(message);
        if (end) this.closeLocal(end, 'tokenHash' in end ? END_REASON.ended : END_REASON.accountEnded);
      });
      if (this.stopped) await unsubscribe();
      else this.unsubscribe = unsubscribe;
    } catch (err) {
      // The store check still closes ended sessions, only later.
      this.options.logger.error('could not listen for session ends on the pub/sub', { error: String(err) });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = Infinity;
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /**
   * Registers an open socket; returns the function that unregisters it (call it when the
   * socket closes). A session already expired is closed at once.
   */
  register(socket: SessionSocket): () => void {
    if (socket.expiresAt <= this.now()) {
      socket.close(END_REASON.expired);
      return () => {};
    }
    add(this.bySession, socket.tokenHash, socket);
    add(this.byUser, socket.userId, socket);
    if (socket.expiresAt < this.wakeAt) this.schedule();
    return () => {
      remove(this.bySession, socket.tokenHash, socket);
      remove(this.byUser, socket.userId, socket);
    };
  }

  /** Closes this process's sockets of the session. Returns how many. */
  closeSession(tokenHash: string, detail: string = END_REASON.signedOut): number {
    return this.closeLocal({ tokenHash }, detail);
  }

  /** Closes this process's sockets of every session of the person. Returns how many. */
  closeUser(userId: string, detail: string = END_REASON.accountEnded): number {
    return this.closeLocal({ userId }, detail);
  }

  /**
   * A session, or all of a person's, ended (the store already says so): closes its sockets
   * here and tells the other processes. Call it after signing out, disabling an account or
   * ending a person's sessions.
   */
  async end(end: SessionEnd, detail?: string): Promise<void> {
    this.closeLocal(end, detail ?? ('tokenHash' in end ? END_REASON.signedOut : END_REASON.accountEnded));
    if (!this.options.pubsub || this.options.pubsub.kind === 'local') return;
    try {
      await publishSessionEnd(this.options.pubsub, end);
    } catch (err) {
      this.options.logger.error('could not publish a session end; other processes close its sockets at their next store check', { error: String(err) });
    }
  }

  /**
   * Closes the sockets of expired sessions and, when due, of sessions the store no longer
   * holds (ended by another process without Redis, by a command, or deleted).
   */
  async check(force = false): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const now = this.now();
      for (const set of [...this.bySession.values()]) {
        for (const socket of [...set]) if (socket.expiresAt <= now) this.closeOne(socket, END_REASON.expired);
      }
      if (!force && now < this.nextStoreCheck) return;
      this.nextStoreCheck = now + this.options.checkIntervalMs;
      const hashes = [...this.bySession.keys()];
      if (hashes.length === 0) return;
      let live: Set<string>;
      try {
        live = await this.options.store.liveSessions(hashes, now);
      } catch (err) {
        this.options.logger.error('could not check open sockets against the stored sessions', { error: String(err) });
        return;
      }
      for (const hash of hashes) if (!live.has(hash)) this.closeLocal({ tokenHash: hash }, END_REASON.ended);
    } finally {
      this.checking = false;
      this.schedule();
    }
  }

  private closeLocal(end: SessionEnd, detail: string): number {
    const set = 'tokenHash' in end ? this.bySession.get(end.tokenHash) : this.byUser.get(end.userId);
    if (!set) return 0;
    const sockets = [...set];
    for (const socket of sockets) this.closeOne(socket, detail);
    return sockets.length;
  }

  private closeOne(socket: SessionSocket, detail: string): void {
    remove(this.bySession, socket.tokenHash, socket);
    remove(this.byUser, socket.userId, socket);
    try {
      socket.close(detail);
    } catch (err) {
      this.options.logger.error('closing a socket of an ended session failed', { error: String(err) });
    }
  }

  /** Wakes at the next expiry or store check, whichever comes first (never sooner than a second from now). */
  private schedule(): void {
    if (this.stopped) return;
    let earliest = this.nextStoreCheck;
    for (const set of this.bySession.values()) for (const s of set) if (s.expiresAt < earliest) earliest = s.expiresAt;
    const now = this.now();
    const at = Math.min(Math.max(earliest, now + MIN_WAKE_MS), now + MAX_WAKE_MS);
    if (this.timer && at >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      void this.check();
    }, at - now);
    // The sweep never keeps the process alive.
    this.timer.unref();
  }
}

function add(map: Map<string, Set<SessionSocket>>, key: string, socket: SessionSocket): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(socket);
}

function remove(map: Map<string, Set<SessionSocket>>, key: string, socket: SessionSocket): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(socket);
  if (set.size === 0) map.delete(key);
}
