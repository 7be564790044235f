/**
 * Fan-out through Redis pub/sub (ioredis): one connection publishes, one subscribes; one
 * channel per document (`<prefix>doc:<name>`). Every message carries this process's id, and
 * a process drops its own messages when they come back.
 *
 * When the subscriber loses Redis, `onDown` listeners hear it at once: messages published
 * meanwhile are gone, so the rooms close (4503) and reload from storage when clients
 * reconnect — which succeeds again as soon as Redis is back.
 *
 * A Redis that goes silent (packets dropped, nothing closed) would never be noticed by the
 * connection itself: every command has a timeout, and a watchdog pings both connections; one
 * that does not answer in time, or does not get ready in time, is dropped and reconnected —
 * for the subscriber, that is the loss above. Its late answers could otherwise be matched to
 * the wrong commands.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Logger } from '../log.js';
import type { PubSub, PubSubHandler } from './types.js';

export interface RedisPubSubOptions {
  /** `redis://host:6379`. */
  url: string;
  /** Channel prefix (default `gongbi:`), so deployments or test runs can share one Redis. */
  prefix?: string;
  /** How long `open` and `subscribe` wait for a connection, in ms (default 5000). */
  connectTimeoutMs?: number;
  /** Longest wait for one command, and the watchdog's ping interval, in ms (default 3000). */
  commandTimeoutMs?: number;
  logger: Logger;
}

/** Reconnect quickly at first, then every 2 s, forever. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2000);

export class RedisPubSub implements PubSub {
  readonly kind = 'redis' as const;
  /** Tags this process's messages (pids repeat across hosts; a random id does not). */
  readonly id = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly handlers = new Map<string, Set<PubSubHandler>>();
  private readonly downListeners = new Set<() => void>();
  private up = false;
  private closing = false;
  private readonly watchdog: NodeJS.Timeout;
  /** Since when each connection is neither ready nor waiting to reconnect (ms), for the watchdog. */
  private readonly stuckSince = new Map<Redis, number>();

  /**
   * Connects both connections; rejects when Redis cannot be reached in time.
   * @example const pubsub = await RedisPubSub.open({ url: 'redis://127.0.0.1:6379', logger });
   */
  static async open(options: RedisPubSubOptions): Promise<RedisPubSub> {
    const bus = new RedisPubSub(options);
    try {
      await bus.whenReady();
    } catch (err) {
      await bus.close();
      throw err;
    }
    return bus;
  }

  private constructor(private readonly options: RedisPubSubOptions) {
    this.prefix = options.prefix ?? 'gongbi:';
    this.timeoutMs = options.connectTimeoutMs ?? 5000;
    const commandTimeout = options.commandTimeoutMs ?? 3000;
    const timeouts = { commandTimeout, connectTimeout: commandTimeout, keepAlive: commandTimeout };
    // Publishing waits through a short outage (queued, sent on reconnect) instead of failing.
    this.pub = new Redis(options.url, { lazyConnect: false, retryStrategy, maxRetriesPerRequest: null, connectionName: `gongbi-pub-${this.id}`, ...timeouts });
    // Subscribing fails fast while disconnected (the room then refuses the client with 4503);
    // we resubscribe ourselves after a reconnect, once we know what was missed.
    this.sub = new Redis(options.url, { lazyConnect: false, retryStrategy, enableOfflineQueue: false, autoResubscribe: false, connectionName: `gongbi-sub-${this.id}`, ...timeouts });
    this.watchdog = setInterval(() => this.watch(commandTimeout), commandTimeout);
    this.watchdog.unref();
    for (const [name, conn] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      conn.on('error', (err: Error) => {
        if (!this.closing) options.logger.debug('redis error', { connection: name, error: String(err) });
      });
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => this.dispatch(channel.toString(), message));
    this.sub.on('ready', () => void this.onSubscriberReady());
    this.sub.on('close', () => this.onSubscriberClosed());
  }

  /** Pings each ready connection; drops one that does not answer, or cannot get ready, in time. */
  private watch(timeoutMs: number): void {
    if (this.closing) return;
    const now = Date.now();
    for (const [name, conn] of [['publisher', this.pub], ['subscriber', this.sub]] as const) {
      if (conn.status === 'ready') {
        this.stuckSince.delete(conn);
        conn.ping().catch((err: Error) => {
          if (this.closing || conn.status !== 'ready') return;
          this.options.logger.error('redis did not answer; reconnecting', { connection: name, error: String(err), timeoutMs });
          this.reset(conn);
        });
      } else if (conn.status === 'connect' || conn.status === 'connecting') {
        const since = this.stuckSince.get(conn) ?? now;
        this.stuckSince.set(conn, since);
        if (now - since >= 2 * timeoutMs) {
          this.stuckSince.delete(conn);
          this.options.logger.error('redis connection did not get ready; reconnecting', { connection: name, timeoutMs });
          this.reset(conn);
        }
      } else {
        this.stuckSince.delete(conn);
      }
    }
  }

  /** Destroys the socket at once (ending it politely would wait for a peer that is silent); ioredis reconnects. */
  private reset(conn: Redis): void {
    const stream = (conn as unknown as { stream?: { destroy(): void } }).stream;
    if (stream) stream.destroy();
    else conn.disconnect(true);
  }

  private channel(doc: string): string {
    return `${this.prefix}doc:${doc}`;
  }

  private async onSubscriberReady(): Promise<void> {
    const channels = [...this.handlers.keys()].map((d) => this.channel(d));
    try {
      if (channels.length) await this.sub.subscribe(...channels);
      this.up = true;
      this.options.logger.info('redis connected', { prefix: this.prefix });
    } catch (err) {
      this.options.logger.error('redis resubscribe failed', { error: String(err) });
    }
  }

  private onSubscriberClosed(): void {
    if (!this.up || this.closing) return;
    this.up = false;
    this.options.logger.error('redis connection lost; documents close until it is back', {});
    for (const listener of [...this.downListeners]) {
      try {
        listener();
      } catch (err) {
        this.options.logger.error('redis down listener failed', { error: String(err) });
      }
    }
  }

  /** Resolves once the subscriber is connected (and the publisher, at start-up). */
  private async whenReady(): Promise<void> {
    if (this.up) return;
    const deadline = Date.now() + this.timeoutMs;
    while (!this.up || this.pub.status !== 'ready') {
      if (this.closing) throw new Error('pub/sub is closed');
      if (Date.now() > deadline) throw new Error(`Redis at ${redactUrl(this.options.url)} is unreachable`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private dispatch(channel: string, raw: Buffer): void {
    if (!channel.startsWith(this.prefix + 'doc:')) return;
    const doc = channel.slice(this.prefix.length + 4);
    const set = this.handlers.get(doc);
    if (!set) return;
    let origin: string;
    let payload: Uint8Array;
    try {
      const d = decoding.createDecoder(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
      origin = decoding.readVarString(d);
      payload = decoding.readVarUint8Array(d);
    } catch {
      this.options.logger.error('malformed pub/sub message', { channel });
      return;
    }
    if (origin === this.id) return;
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (err) {
        this.options.logger.error('pub/sub handler failed', { doc, error: String(err) });
      }
    }
  }

  async publish(doc: string, message: Uint8Array): Promise<void> {
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.id);
    encoding.writeVarUint8Array(e, message);
    const bytes = encoding.toUint8Array(e);
    await this.pub.publish(this.channel(doc), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  async subscribe(doc: string, handler: PubSubHandler): Promise<() => Promise<void>> {
    if (!this.up) await this.whenReady();
    let set = this.handlers.get(doc);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(doc, set);
    }
    set.add(handler);
    try {
      // Also for a second handler: the first one's SUBSCRIBE may still be on its way, and
      // Redis answers in order, so awaiting ours means both are in effect.
      await this.sub.subscribe(this.channel(doc));
    } catch (err) {
      set.delete(handler);
      if (first && set.size === 0 && this.handlers.get(doc) === set) this.handlers.delete(doc);
      throw err;
    }
    let done = false;
    return async () => {
      if (done) return;
      done = true;
      set.delete(handler);
      if (set.size > 0 || this.handlers.get(doc) !== set) return;
      this.handlers.delete(doc);
      if (this.sub.status === 'ready') await this.sub.unsubscribe(this.channel(doc)).catch(() => {});
    };
  }

  onDown(listener: () => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  async ping(): Promise<boolean> {
    if (!this.up || this.pub.status !== 'ready') return false;
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref());
    return Promise.race([this.pub.ping().then((p) => p === 'PONG', () => false), timeout]);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.watchdog);
    this.up = false;
    this.handlers.clear();
    this.sub.disconnect();
    // QUIT lets publishes already queued go out first (the other processes need them).
    if (this.pub.status === 'ready') await this.pub.quit().catch(() => this.pub.disconnect());
    else this.pub.disconnect();
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
