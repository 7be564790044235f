/**
 * Fan-out between server processes that serve the same documents. Each process publishes
 * what its own clients changed (after it is durable) and hears what the others published;
 * it never hears its own messages back, so nothing loops.
 */

/** Receives one message another process published on a document's channel. */
export type PubSubHandler = (message: Uint8Array) => void;

export interface PubSub {
  /** `local`: one process, nothing to fan out. `redis`: several processes share Redis. */
  readonly kind: 'local' | 'redis';
  /** Sends `message` to every other process subscribed to `doc`. */
  publish(doc: string, message: Uint8Array): Promise<void>;
  /**
   * Delivers the other processes' messages on `doc` to `handler` from the moment the returned
   * promise resolves (so a caller that subscribes first, then reads storage, misses nothing).
   * Rejects when the bus cannot be reached. Resolves to the function that unsubscribes.
   */
  subscribe(doc: string, handler: PubSubHandler): Promise<() => Promise<void>>;
  /**
   * Calls `listener` when the connection to the bus is lost: messages may have been missed
   * from then on, so whoever holds documents in memory must drop them. Returns the remover.
   */
  onDown(listener: () => void): () => void;
  /** True when the bus answers; for health checks. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
