/**
 * An in-memory stand-in for Redis pub/sub: several `Rooms` in one test process, each with its
 * own endpoint, behave like separate server processes. Messages are delivered asynchronously
 * (as over a network); a test can drop them, or take the bus down.
 */
import type { PubSub, PubSubHandler } from '../../server/pubsub/types.js';

export class MemoryBus {
  private readonly subs = new Map<string, Set<{ endpoint: MemoryPubSub; handler: PubSubHandler }>>();
  /** Return false to drop a message (simulates a process that died before publishing). */
  filter: (doc: string, message: Uint8Array, from: MemoryPubSub) => boolean = () => true;
  /** Every message published, for assertions. */
  readonly published: Array<{ doc: string; from: MemoryPubSub }> = [];
  up = true;
  private readonly endpoints: MemoryPubSub[] = [];

  endpoint(): MemoryPubSub {
    const e = new MemoryPubSub(this);
    this.endpoints.push(e);
    return e;
  }

  /** Takes the bus down: every endpoint's `onDown` listeners are called. */
  goDown(): void {
    this.up = false;
    for (const e of this.endpoints) e.notifyDown();
  }

  deliver(doc: string, message: Uint8Array, from: MemoryPubSub): void {
    this.published.push({ doc, from });
    if (!this.filter(doc, message, from)) return;
    for (const s of [...(this.subs.get(doc) ?? [])]) {
      if (s.endpoint !== from) setImmediate(() => s.handler(message));
    }
  }

  add(doc: string, entry: { endpoint: MemoryPubSub; handler: PubSubHandler }): () => void {
    let set = this.subs.get(doc);
    if (!set) this.subs.set(doc, (set = new Set()));
    set.add(entry);
    return () => set!.delete(entry);
  }
}

export class MemoryPubSub implements PubSub {
  /** Behaves like Redis: rooms publish to it. */
  readonly kind = 'redis' as const;
  private readonly downListeners = new Set<() => void>();

  constructor(private readonly bus: MemoryBus) {}

  async publish(doc: string, message: Uint8Array): Promise<void> {
    if (!this.bus.up) throw new Error('bus is down');
    this.bus.deliver(doc, message, this);
  }

  async subscribe(doc: string, handler: PubSubHandler): Promise<() => Promise<void>> {
    if (!this.bus.up) throw new Error('bus is down');
    const remove = this.bus.add(doc, { endpoint: this, handler });
    return async () => remove();
  }

  onDown(listener: () => void): () => void {
    this.downListeners.add(listener);
    return () => this.downListeners.delete(listener);
  }

  notifyDown(): void {
    for (const l of [...this.downListeners]) l();
  }

  async ping(): Promise<boolean> {
    return this.bus.up;
  }

  async close(): Promise<void> {}
}
